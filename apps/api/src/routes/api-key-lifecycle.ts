import { isKeyId } from "@homebase/core";
import { findServiceAccount, getMaxApiKeyLifetimeDays, revokeApiKeys, rotateApiKey } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { clientIp } from "../lib/client-ip";
import type { AppEnv, AuthedEnv } from "../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";
import { CreatedApiKeySchema } from "../lib/schemas";
import { teamForAdmin } from "../lib/team-access";
import { requireSession } from "../middleware/with-auth";
import { notifyRevokedKeys } from "../services/api-key-notices";
import { keyDto, mintKey, revocableKeyIds } from "../services/api-keys";
import { loginLimiterFor, withLimiter } from "../services/login-limiter";

/**
 * API keys' lifecycle beyond create and delete: rotation (GitLab's: a new key with the same
 * name, scope and lifetime; the old one stops at once) and the public revocation of leaked keys
 * (GitHub's credential-revocation API: anyone who finds a Homebase key can kill it).
 */

const KeyParam = z.object({ id: z.string().max(64) });

const rotateMine = createRoute({
  method: "post",
  path: "/me/api-keys/{id}/rotate",
  tags: ["API keys"],
  summary: "Rotate an API key (browser session only): a new key, shown once; the old one stops at once",
  middleware: [requireSession] as const,
  request: { params: KeyParam },
  responses: { 201: jsonResponse(CreatedApiKeySchema, "The new key"), ...problems(401, 403, 404) },
});

const rotateServiceAccountKey = createRoute({
  method: "post",
  path: "/teams/{team}/service-accounts/{sa}/api-keys/{id}/rotate",
  tags: ["Service accounts"],
  summary: "Rotate a service account's API key (team admins, browser session only)",
  middleware: [requireSession] as const,
  request: { params: KeyParam.extend({ team: z.string().max(64), sa: z.string().max(64) }) },
  responses: { 201: jsonResponse(CreatedApiKeySchema, "The new key"), ...problems(401, 403, 404) },
});

/** At most this many keys per revocation request (GitHub's API takes 1000; Homebase 100). */
export const MAX_REVOKE_KEYS = 100;

const revoke = createRoute({
  method: "post",
  path: "/api-keys/revoke",
  tags: ["API keys"],
  summary:
    "Revoke leaked Homebase API keys, no authentication needed; 202 whatever the keys, so it tells nothing about them",
  request: {
    body: jsonBody(z.object({ keys: z.array(z.string().max(256)).min(1).max(MAX_REVOKE_KEYS) })),
  },
  responses: { 202: { description: "Accepted" }, ...problems(422, 429, 503) },
});

async function rotated(c: Context<AuthedEnv>, id: string, owner: { userId: string } | { serviceAccountId: string }) {
  const now = c.var.deps.clock.now();
  const { key, row } = mintKey("", now);
  const created =
    isKeyId(id) &&
    (await rotateApiKey(c.var.deps.db, {
      id,
      owner,
      newKey: { id: row.id, secretDigest: row.secretDigest },
      now,
      maxLifetimeDays: await getMaxApiKeyLifetimeDays(c.var.deps.db),
    }));
  if (!created) throw new HttpProblem(404, `There is no API key ${id} that you can rotate.`);
  return c.json({ ...keyDto(created, [], now), key }, 201);
}

export function apiKeyLifecycleRouter() {
  return createRouter<AuthedEnv>()
    .openapi(rotateMine, async (c) => rotated(c, c.req.valid("param").id, { userId: c.var.principal.user.id }))
    .openapi(rotateServiceAccountKey, async (c) => {
      const { team, sa, id } = c.req.valid("param");
      const { team: found } = await teamForAdmin(c, team);
      const account = await findServiceAccount(c.var.deps.db, { teamId: found.id, id: sa });
      if (!account) throw new HttpProblem(404, `There is no service account ${sa} in ${team}.`);
      return rotated(c, id, { serviceAccountId: account.id });
    });
}

/** The public route (no credentials). */
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
