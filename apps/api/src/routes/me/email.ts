import { email } from "@homebase/core";
import { findPendingEmail, findUserByLogin } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import { clientIp } from "../../lib/client-ip";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../../lib/openapi";
import { HttpProblem } from "../../lib/problem";
import { requireSession } from "../../middleware/with-auth";
import { sendAccountEmail, sendTokenEmail } from "../../services/account-emails";
import { accountKey, assertNotLimited, loginLimiterFor, withLimiter } from "../../services/login-limiter";
import { verifyPassword } from "../../services/passwords";

const changeEmail = createRoute({
  method: "put",
  path: "/",
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

const resend = createRoute({
  method: "post",
  path: "/verification",
  tags: ["Accounts"],
  summary: "Send the verification link again (to the address waiting for verification, else the current one)",
  responses: {
    202: jsonResponse(z.object({ to: z.string() }), "Sent"),
    ...problems(401, 409, 429, 503),
  },
});

/** /me/email: change the address (verified before use) and resend the verification link. */
export function emailRouter() {
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
    });
}
