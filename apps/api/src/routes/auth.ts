import { digest, email, entityName, newToken, password } from "@homebase/core";
import {
  ConflictError,
  createSession,
  createUser,
  deleteSession,
  findUserByLogin,
  resetPasswordWithToken,
  verifyEmailToken,
} from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { clientIp } from "../lib/client-ip";
import type { AppEnv, User } from "../lib/context";
import { toUserDto, UserSchema } from "../lib/dto";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";
import { sendAccountEmail, sendTokenEmail } from "../services/account-emails";
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
  path: "/signup",
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
  path: "/login",
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
  path: "/logout",
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

/*
 * Address verification and password reset by e-mail, as GitHub and GitLab do them: tokens are
 * single-use, only their digests are stored, and the per-account failure limit of sign-in also
 * guards these routes.
 */
const Token = z.string().min(1, "The link has no token.").max(128);
const USED_OR_EXPIRED = "This link was already used, has expired or is not valid. Ask for a new one.";

const verifyEmail = createRoute({
  method: "post",
  path: "/verify-email",
  tags: ["Accounts"],
  summary: "Verify an email address with the token of the emailed link (no session needed)",
  request: { body: jsonBody(z.object({ token: Token })) },
  responses: { 204: { description: "Verified" }, ...problems(400, 409, 422) },
});

const resetRequest = createRoute({
  method: "post",
  path: "/password-reset",
  tags: ["Accounts"],
  summary: "Email a password-reset link; the same answer whether or not the address has an account",
  request: { body: jsonBody(z.object({ email: z.string().trim().min(1, "Enter your email address.").max(254) })) },
  responses: {
    202: { description: "If the address has an account, a link is on its way" },
    ...problems(422, 429, 503),
  },
});

const resetConfirm = createRoute({
  method: "post",
  path: "/password-reset/confirm",
  tags: ["Accounts"],
  summary: "Set a new password with the token of the emailed link; ends every session",
  request: { body: jsonBody(z.object({ token: Token, password })) },
  responses: { 204: { description: "Password set" }, ...problems(400, 422) },
});

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
    })
    .openapi(verifyEmail, async (c) => {
      const { deps } = c.var;
      try {
        const result = await verifyEmailToken(deps.db, {
          tokenHash: digest(c.req.valid("json").token),
          now: deps.clock.now(),
        });
        if (!result) throw new HttpProblem(400, USED_OR_EXPIRED);
      } catch (err) {
        if (err instanceof ConflictError) throw new HttpProblem(409, "Another account uses this address now.");
        throw err;
      }
      return c.body(null, 204);
    })
    .openapi(resetRequest, async (c) => {
      const { deps } = c.var;
      const address = c.req.valid("json").email.toLowerCase();
      const limiter = loginLimiterFor(deps);
      const ip = clientIp(c, deps.config.trustedProxies);
      // Counted per typed address (not per account), so the answer never tells whether it has one.
      const account = accountKey(undefined, address);
      await assertNotLimited(limiter, ip, account, "password-reset requests");
      // Counted against the address asked about, not the asker's IP (an office shares one).
      await withLimiter(() => limiter.recordAccountAttempt(account));
      // The lookup and the e-mail happen after the answer: same answer, same time, either way.
      void (async () => {
        const user = await findUserByLogin(deps.db, address);
        if (user && user.email === address)
          await sendTokenEmail(deps, { user, purpose: "reset_password", to: user.email });
      })().catch((err: Error) => deps.logger.warn({ err: err.message }, "password reset e-mail failed"));
      return c.body(null, 202);
    })
    .openapi(resetConfirm, async (c) => {
      const { deps } = c.var;
      const body = c.req.valid("json");
      const result = await resetPasswordWithToken(deps.db, {
        tokenHash: digest(body.token),
        passwordHash: await hashPassword(body.password),
        now: deps.clock.now(),
      });
      if (!result) throw new HttpProblem(400, USED_OR_EXPIRED);
      const user = await findUserByLogin(deps.db, result.email);
      await withLimiter(() => loginLimiterFor(deps).recordSuccess(accountKey({ id: result.userId }, "")));
      if (user) await sendAccountEmail(deps, { kind: "password-changed", to: user.email, username: user.username });
      return c.body(null, 204);
    });
}
