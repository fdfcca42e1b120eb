import { revokeApiKeys } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import { clientIp } from "../lib/client-ip";
import type { AppEnv } from "../lib/context";
import { createRouter, jsonBody, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";
import { notifyRevokedKeys } from "../services/api-key-notices";
import { revocableKeyIds } from "../services/api-keys";
import { loginLimiterFor, withLimiter } from "../services/login-limiter";

/**
 * The public revocation of leaked keys (GitHub's credential-revocation API: anyone who finds a
 * Homebase key can kill it). Rotation is under /me/api-keys and a team's service accounts.
 */

/** At most this many keys per revocation request (GitHub's API takes 1000; Homebase 100). */
export const MAX_REVOKE_KEYS = 100;

const revoke = createRoute({
  method: "post",
  path: "/revoke",
  tags: ["API keys"],
  summary:
    "Revoke leaked Homebase API keys, no authentication needed; 202 whatever the keys, so it tells nothing about them",
  request: {
    body: jsonBody(z.object({ keys: z.array(z.string().max(256)).min(1).max(MAX_REVOKE_KEYS) })),
  },
  responses: { 202: { description: "Accepted" }, ...problems(422, 429, 503) },
});

/** /api-keys: the public revocation of leaked keys (no credentials). */
export function apiKeyRevocationRouter() {
  return createRouter<AppEnv>().openapi(revoke, async (c) => {
    const { deps } = c.var;
    // Rate limited per address, like failed sign-ins (it is as tempting to abuse).
    const limiter = loginLimiterFor(deps);
    const ip = clientIp(c, deps.config.trustedProxies);
    const wait = await withLimiter(() => limiter.blockedFor(ip, `revoke:${ip}`));
    if (wait > 0) {
      throw new HttpProblem(429, `Too many revocation requests. Try again in ${wait} seconds.`, {
        headers: { "Retry-After": String(wait) },
      });
    }
    await withLimiter(() => limiter.recordAccountAttempt(`revoke:${ip}`));
    const ids = await revocableKeyIds(deps, c.req.valid("json").keys);
    const revoked = await revokeApiKeys(deps.db, { ids, reason: "leaked", now: deps.clock.now() });
    await notifyRevokedKeys(deps, revoked);
    return c.body(null, 202);
  });
}
