import {
  API_KEY_EXPIRY_CLOCK_SKEW_MS,
  digest,
  digestsEqual,
  generateApiKey,
  isKeyId,
  parseApiKey,
} from "@homebase/core";
import { findApiKeyForAuth, getMaxApiKeyLifetimeDays, rotateApiKey, type schema } from "@homebase/db";
import type { Context } from "hono";
import type { AppEnv, AuthedEnv } from "../lib/context";
import { HttpProblem } from "../lib/problem";

/** API-key rules shared by personal keys, service-account keys, rotation, revocation and secret scanning. */

/**
 * The expiry of a new key, checked against now and the organisation's maximum lifetime
 * (GitLab's "maximum allowable lifetime"): 422 for a past instant, for none when a maximum is
 * set, and for anything past the maximum. Up to API_KEY_EXPIRY_CLOCK_SKEW_MS past it is taken
 * as the maximum itself (the browser's "30 days" is counted on its own clock).
 */
export async function checkedExpiry(c: Context<AuthedEnv>, expiresAt: string | null | undefined): Promise<Date | null> {
  const { db, clock } = c.var.deps;
  const now = clock.now();
  const max = await getMaxApiKeyLifetimeDays(db);
  const invalid = (message: string) => new HttpProblem(422, message, { errors: [{ path: "expiresAt", message }] });
  const at = expiresAt ? new Date(expiresAt) : null;
  if (at && at.getTime() <= now.getTime()) throw invalid("The expiry must be in the future.");
  if (max !== null) {
    const latest = now.getTime() + max * 24 * 3600_000;
    if (!at) throw invalid(`Your organisation requires API keys to expire within ${max} days.`);
    if (at.getTime() > latest + API_KEY_EXPIRY_CLOCK_SKEW_MS) {
      throw invalid(`Your organisation allows API keys to live at most ${max} days.`);
    }
    if (at.getTime() > latest) return new Date(latest);
  }
  return at;
}

type KeyRow = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  scope: schema.ApiKeyScope;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: schema.ApiKeyRevokedReason | null;
};

/**
 * A key as the API shows it, with its recent addresses, at `now`. An expired key reads as
 * revoked for "expired" at its expiry, and stays listed until deleted.
 */
export function keyDto(
  k: KeyRow,
  recentAddresses: { address: string; userAgent: string | null; lastUsedAt: Date }[] = [],
  now: Date = new Date(),
) {
  const expired = !k.revokedAt && k.expiresAt !== null && k.expiresAt.getTime() <= now.getTime();
  const revokedAt = k.revokedAt ?? (expired ? k.expiresAt : null);
  return {
    id: k.id,
    name: k.name,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt ? k.lastUsedAt.toISOString() : null,
    scope: k.scope,
    expiresAt: k.expiresAt ? k.expiresAt.toISOString() : null,
    revokedAt: revokedAt ? revokedAt.toISOString() : null,
    revokedReason: k.revokedReason ?? (expired ? ("expired" as const) : null),
    recentAddresses: recentAddresses.map((a) => ({ ...a, lastUsedAt: a.lastUsedAt.toISOString() })),
  };
}

/** A new key: the full key to show once, and the row to store (ID, name and digest only). */
export function mintKey(name: string, now: Date) {
  const generated = generateApiKey();
  return { key: generated.key, row: { id: generated.id, name, secretDigest: digest(generated.secret), now } };
}

/**
 * The IDs of the genuine keys among `keys`: format, checksum, and the digest of the secret must
 * match (someone who only knows a key's ID cannot revoke it).
 */
export async function revocableKeyIds(deps: AppEnv["Variables"]["deps"], keys: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const raw of keys) {
    const id = await genuineKeyId(deps, raw);
    if (id) ids.push(id);
  }
  return ids;
}

/**
 * The ID of the stored key that `raw` is (format, checksum and secret digest all match), live or
 * not; undefined when `raw` is not a Homebase key or no stored key has that secret.
 */
export async function genuineKeyId(deps: AppEnv["Variables"]["deps"], raw: string): Promise<string | undefined> {
  const parsed = parseApiKey(raw.trim());
  if (!parsed) return undefined;
  const row = await findApiKeyForAuth(deps.db, parsed.id);
  return row && digestsEqual(row.secretDigest, digest(parsed.secret)) ? row.id : undefined;
}

/**
 * Rotates key `id` of `owner` (GitLab's rotation: a new key with the same name, scope and
 * lifetime, capped by the organisation's maximum; the old one stops at once) and answers 201
 * with the new key, shown this once.
 * @throws HttpProblem 404 when `owner` has no live key `id`.
 */
export async function rotateKey(
  c: Context<AuthedEnv>,
  id: string,
  owner: { userId: string } | { serviceAccountId: string },
) {
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
