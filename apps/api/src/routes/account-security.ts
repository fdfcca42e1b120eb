import { digest, email, password } from "@homebase/core";
import {
  ConflictError,
  changePassword,
  deleteUserSessionById,
  findPendingEmail,
  findUserByLogin,
  listUserSessions,
  resetPasswordWithToken,
  verifyEmailToken,
} from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import { clientIp } from "../lib/client-ip";
import type { AppEnv, AuthedEnv } from "../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";
import { requireSession } from "../middleware/with-auth";
import { sendAccountEmail, sendTokenEmail } from "../services/account-emails";
import { accountKey, assertNotLimited, loginLimiterFor, withLimiter } from "../services/login-limiter";
import { hashPassword, verifyPassword } from "../services/passwords";

/**
 * Account security, as GitHub and GitLab do it: address verification (at sign-up and on every
 * change of address), password change and reset by e-mail, and the list of active sessions.
 * Tokens are single-use, only their digests are stored, and the per-account failure limit of
 * sign-in also guards these routes.
 */

const Token = z.string().min(1, "The link has no token.").max(128);
const USED_OR_EXPIRED = "This link was already used, has expired or is not valid. Ask for a new one.";

const verifyEmail = createRoute({
  method: "post",
  path: "/auth/verify-email",
  tags: ["Accounts"],
  summary: "Verify an email address with the token of the emailed link (no session needed)",
  request: { body: jsonBody(z.object({ token: Token })) },
  responses: { 204: { description: "Verified" }, ...problems(400, 409, 422) },
});

const resetRequest = createRoute({
  method: "post",
  path: "/auth/password-reset",
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
  path: "/auth/password-reset/confirm",
  tags: ["Accounts"],
  summary: "Set a new password with the token of the emailed link; ends every session",
  request: { body: jsonBody(z.object({ token: Token, password })) },
  responses: { 204: { description: "Password set" }, ...problems(400, 422) },
});

/** The public routes (no session): verification and password reset. */
export function accountSecurityPublicRouter() {
  return createRouter<AppEnv>()
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

const resend = createRoute({
  method: "post",
  path: "/me/email/verification",
  tags: ["Accounts"],
  summary: "Send the verification link again (to the address waiting for verification, else the current one)",
  responses: {
    202: jsonResponse(z.object({ to: z.string() }), "Sent"),
    ...problems(401, 409, 429, 503),
  },
});

const changeEmail = createRoute({
  method: "put",
  path: "/me/email",
  tags: ["Accounts"],
  summary: "Change the email address: the new one is used once verified, and the old one is told",
  middleware: [requireSession] as const,
  request: { body: jsonBody(z.object({ email, password: z.string().min(1, "Enter your password.").max(256) })) },
  responses: {
    200: jsonResponse(
      z.object({ email: z.string(), emailVerified: z.boolean(), pendingEmail: z.string().nullable() }),
      "A verification link went to the new address",
    ),
    ...problems(401, 403, 409, 422, 429, 503),
  },
});

const changePasswordRoute = createRoute({
  method: "put",
  path: "/me/password",
  tags: ["Accounts"],
  summary: "Change your password (browser session only); every other session ends",
  middleware: [requireSession] as const,
  request: {
    body: jsonBody(
      z.object({ currentPassword: z.string().min(1, "Enter your current password.").max(256), newPassword: password }),
    ),
  },
  responses: { 204: { description: "Changed" }, ...problems(401, 403, 422, 429, 503) },
});

const SessionSchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    userAgent: z.string().nullable(),
    address: z.string().nullable(),
    current: z.boolean(),
  })
  .openapi("Session");

const listSessions = createRoute({
  method: "get",
  path: "/me/sessions",
  tags: ["Accounts"],
  summary: "Your active browser sessions; `current` is this one",
  responses: { 200: jsonResponse(z.object({ items: z.array(SessionSchema) }), "Sessions"), ...problems(401) },
});

const endSession = createRoute({
  method: "delete",
  path: "/me/sessions/{id}",
  tags: ["Accounts"],
  summary: "Sign one of your sessions out",
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 204: { description: "Ended" }, ...problems(401, 404) },
});

/** The signed-in routes. */
export function accountSecurityRouter() {
  return createRouter<AuthedEnv>()
    .openapi(resend, async (c) => {
      const { deps, principal } = c.var;
      const user = principal.user;
      const pending = await findPendingEmail(deps.db, { userId: user.id, now: deps.clock.now() });
      const to = pending ?? (user.emailVerified ? null : user.email);
      if (!to) throw new HttpProblem(409, "Your email address is already verified.");
      const limiter = loginLimiterFor(deps);
      const ip = clientIp(c, deps.config.trustedProxies);
      const account = accountKey(user, "");
      await assertNotLimited(limiter, ip, account, "e-mails sent");
      await withLimiter(() => limiter.recordAccountAttempt(account));
      await sendTokenEmail(deps, { user, purpose: "verify_email", to });
      return c.json({ to }, 202);
    })
    .openapi(changeEmail, async (c) => {
      const { deps, principal } = c.var;
      const user = principal.user;
      const body = c.req.valid("json");
      const next = body.email.toLowerCase();
      const limiter = loginLimiterFor(deps);
      const ip = clientIp(c, deps.config.trustedProxies);
      const account = accountKey(user, "");
      await assertNotLimited(limiter, ip, account, "failed password attempts");
      if (!(await verifyPassword(user.passwordHash, body.password))) {
        await withLimiter(() => limiter.recordFailure(ip, account));
        throw new HttpProblem(401, "The password is not correct.", {
          errors: [{ path: "password", message: "The password is not correct." }],
        });
      }
      if (next === user.email) {
        throw new HttpProblem(422, "This is already your email address.", {
          errors: [{ path: "email", message: "This is already your email address." }],
        });
      }
      const owner = await findUserByLogin(deps.db, next);
      if (owner && owner.id !== user.id) {
        throw new HttpProblem(409, "Another account uses this address.", {
          errors: [{ path: "email", message: "Another account uses this address." }],
        });
      }
      await sendTokenEmail(deps, { user, purpose: "verify_email", to: next });
      await sendAccountEmail(deps, { kind: "email-changed", to: user.email, username: user.username, newEmail: next });
      return c.json({ email: user.email, emailVerified: user.emailVerified, pendingEmail: next }, 200);
    })
    .openapi(changePasswordRoute, async (c) => {
      const { deps, principal } = c.var;
      if (principal.kind !== "session") throw new HttpProblem(403, "This action needs a browser session.");
      const user = principal.user;
      const body = c.req.valid("json");
      const limiter = loginLimiterFor(deps);
      const ip = clientIp(c, deps.config.trustedProxies);
      const account = accountKey(user, "");
      await assertNotLimited(limiter, ip, account, "failed password attempts");
      if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
        await withLimiter(() => limiter.recordFailure(ip, account));
        throw new HttpProblem(401, "The current password is not correct.", {
          errors: [{ path: "currentPassword", message: "The current password is not correct." }],
        });
      }
      await changePassword(deps.db, {
        userId: user.id,
        passwordHash: await hashPassword(body.newPassword),
        keepTokenHash: principal.sessionTokenHash,
      });
      await sendAccountEmail(deps, { kind: "password-changed", to: user.email, username: user.username });
      return c.body(null, 204);
    })
    .openapi(listSessions, async (c) => {
      const { deps, principal } = c.var;
      const items = await listUserSessions(deps.db, {
        userId: principal.user.id,
        currentTokenHash: principal.kind === "session" ? principal.sessionTokenHash : null,
        now: deps.clock.now(),
      });
      return c.json(
        {
          items: items.map((s) => ({
            ...s,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
          })),
        },
        200,
      );
    })
    .openapi(endSession, async (c) => {
      const { deps, principal } = c.var;
      const ended = await deleteUserSessionById(deps.db, { userId: principal.user.id, id: c.req.valid("param").id });
      if (!ended) throw new HttpProblem(404, "There is no such session of yours.");
      return c.body(null, 204);
    });
}
