import { digest, email, entityName, newToken, password } from "@homebase/core";
import { createSession, createUser, deleteSession, findUserByLogin } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { clientIp } from "../lib/client-ip";
import type { AppEnv, User } from "../lib/context";
import { toUserDto, UserSchema } from "../lib/dto";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";
import { sendTokenEmail } from "../services/account-emails";
import { accountKey, assertNotLimited, loginLimiterFor, withLimiter } from "../services/login-limiter";
import { hashPassword, verifyPassword } from "../services/passwords";

const SignupBody = z
  .object({
    username: entityName,
    email,
    password,
    name: z.string().trim().max(64, "Must be at most 64 characters.").optional(),
  })
  .openapi("SignupRequest");

const LoginBody = z
  .object({
    login: z.string().min(1, "Enter your username or email.").max(254),
    password: z.string().min(1, "Enter your password.").max(256),
  })
  .openapi("LoginRequest");

const UserEnvelope = z.object({ user: UserSchema });

const signup = createRoute({
  method: "post",
  path: "/auth/signup",
  tags: ["Accounts"],
  summary: "Create an account and sign in",
  request: { body: jsonBody(SignupBody) },
  responses: {
    201: jsonResponse(UserEnvelope, "Signed up; the session cookie is set"),
    ...problems(400, 409, 415, 422),
  },
});

const login = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["Accounts"],
  summary: "Sign in with username or email",
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonResponse(UserEnvelope, "Signed in; the session cookie is set"),
    ...problems(400, 401, 422, 429),
  },
});

const logout = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["Accounts"],
  summary: "Sign out and revoke the session",
  responses: { 204: { description: "Signed out" }, ...problems(403) },
});

export async function startSession(c: Context<AppEnv>, user: User) {
  const { db, config, clock } = c.var.deps;
  const token = newToken();
  await createSession(db, {
    tokenHash: digest(token),
    userId: user.id,
    now: clock.now(),
    idleTimeoutMs: config.session.idleTimeoutMs,
    userAgent: c.req.header("user-agent") ?? null,
    address: clientIp(c, config.trustedProxies),
  });
  setCookie(c, config.session.cookieName, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: config.publicUrl.startsWith("https:"),
    path: "/",
    maxAge: Math.floor(config.session.idleTimeoutMs / 1000),
  });
}

export function authRouter() {
  return createRouter()
    .openapi(signup, async (c) => {
      const body = c.req.valid("json");
      const user = await createUser(c.var.deps.db, {
        username: body.username,
        email: body.email,
        name: body.name,
        passwordHash: await hashPassword(body.password),
      });
      await startSession(c, user);
      await sendTokenEmail(c.var.deps, { user, purpose: "verify_email", to: user.email });
      return c.json({ user: toUserDto(user) }, 201);
    })
    .openapi(login, async (c) => {
      const { deps } = c.var;
      const limiter = loginLimiterFor(deps);
      const body = c.req.valid("json");
      const ip = clientIp(c, deps.config.trustedProxies);
      // Failures count against the account, whichever of its identifiers was typed.
      const user = await findUserByLogin(deps.db, body.login);
      const account = accountKey(user, body.login);
      await assertNotLimited(limiter, ip, account, "failed sign-in attempts");
      if (!(await verifyPassword(user?.passwordHash, body.password)) || !user) {
        await withLimiter(() => limiter.recordFailure(ip, account));
        throw new HttpProblem(401, "Incorrect username, email or password.");
      }
      await withLimiter(() => limiter.recordSuccess(account));
      await startSession(c, user);
      return c.json({ user: toUserDto(user) }, 200);
    })
    .openapi(logout, async (c) => {
      const principal = c.var.principal;
      if (principal?.kind === "session") await deleteSession(c.var.deps.db, principal.sessionTokenHash);
      deleteCookie(c, c.var.deps.config.session.cookieName, { path: "/" });
      return c.body(null, 204);
    });
}
