import { password } from "@homebase/core";
import { changePassword } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import { clientIp } from "../../lib/client-ip";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonBody, problems, z } from "../../lib/openapi";
import { HttpProblem } from "../../lib/problem";
import { requireSession } from "../../middleware/with-auth";
import { sendAccountEmail } from "../../services/account-emails";
import { accountKey, assertNotLimited, loginLimiterFor, withLimiter } from "../../services/login-limiter";
import { hashPassword, verifyPassword } from "../../services/passwords";

const changePasswordRoute = createRoute({
  method: "put",
  path: "/",
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

/** /me/password: change the password (browser session only); every other session ends. */
export function passwordRouter() {
  return createRouter<AuthedEnv>().openapi(changePasswordRoute, async (c) => {
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
  });
}
