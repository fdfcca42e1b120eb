import { randomInt } from "node:crypto";
import { crc32 } from "node:zlib";

/**
 * API keys: `hb_v1_<id>_<secret>`.
 * - `<id>`: 12 base62 characters, the public key ID shown in tables.
 * - `<secret>`: 32 base62 characters of CSPRNG output (about 190 bits), then a 6-character
 *   base62 CRC32 of everything before it, so a scanner can validate a key offline.
 * The whole key is 57 characters of [A-Za-z0-9_]: it passes the wandb SDK's key check.
 */
const API_KEY_PREFIX = "hb_v1_";
const KEY_ID_LENGTH = 12;
const KEY_RANDOM_LENGTH = 32;
const KEY_CHECKSUM_LENGTH = 6;
export const API_KEY_LENGTH = API_KEY_PREFIX.length + KEY_ID_LENGTH + 1 + KEY_RANDOM_LENGTH + KEY_CHECKSUM_LENGTH;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE62_RE = /^[0-9A-Za-z]+$/;
const KEY_RE = new RegExp(
  `^${API_KEY_PREFIX}([0-9A-Za-z]{${KEY_ID_LENGTH}})_([0-9A-Za-z]{${KEY_RANDOM_LENGTH + KEY_CHECKSUM_LENGTH}})$`,
);

/** Uniformly random base62 (crypto.randomInt rejects bias). */
function randomBase62(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)];
  return out;
}

/** A fixed-width base62 rendering of an unsigned 32-bit number (62^6 > 2^32). */
export function base62Fixed(value: number, width: number): string {
  let n = value >>> 0;
  let out = "";
  for (let i = 0; i < width; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

export function checksum(body: string): string {
  return base62Fixed(crc32(body), KEY_CHECKSUM_LENGTH);
}

export interface GeneratedApiKey {
  /** The full key: shown once, never stored. */
  key: string;
  id: string;
  /** The secret part, whose digest is stored. */
  secret: string;
}

export function generateApiKey(): GeneratedApiKey {
  const id = randomBase62(KEY_ID_LENGTH);
  const random = randomBase62(KEY_RANDOM_LENGTH);
  const body = `${API_KEY_PREFIX}${id}_${random}`;
  const secret = random + checksum(body);
  return { key: `${API_KEY_PREFIX}${id}_${secret}`, id, secret };
}

export type ParsedApiKey = { id: string; secret: string };

/** Parses a key and verifies its checksum; null for anything malformed. No I/O. */
export function parseApiKey(key: string): ParsedApiKey | null {
  if (key.length !== API_KEY_LENGTH) return null;
  const match = KEY_RE.exec(key);
  if (!match) return null;
  const id = match[1]!;
  const secret = match[2]!;
  const random = secret.slice(0, KEY_RANDOM_LENGTH);
  if (checksum(`${API_KEY_PREFIX}${id}_${random}`) !== secret.slice(KEY_RANDOM_LENGTH)) return null;
  return { id, secret };
}

export function isKeyId(value: string): boolean {
  return value.length === KEY_ID_LENGTH && BASE62_RE.test(value);
}

const DAY_MS = 24 * 3600_000;

/** The latest expiry a key can have: the last instant of year 9999, the end of ISO 8601's four-digit years. */
export const API_KEY_LATEST_EXPIRY_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * How far past the organisation's maximum lifetime a requested expiry may be and still be
 * accepted (then stored as the maximum): a browser computes "30 days" from its own clock,
 * which may run a few minutes ahead of the server's.
 */
export const API_KEY_EXPIRY_CLOCK_SKEW_MS = 60 * 60_000;

/**
 * The expiry of a rotated key's successor (GitLab's rotation): the same lifetime as the old
 * key, from `now` — but never longer than the organisation's maximum lifetime (`maxLifetimeDays`,
 * null for none), so that rotating an older key cannot outlive a maximum set since; and never
 * past {@link API_KEY_LATEST_EXPIRY_MS}. Null for a key without expiry when no maximum is set.
 */
export function successorExpiry(
  old: { createdAt: Date; expiresAt: Date | null },
  now: Date,
  maxLifetimeDays: number | null,
): Date | null {
  const kept = old.expiresAt ? old.expiresAt.getTime() - old.createdAt.getTime() : Number.POSITIVE_INFINITY;
  const lifetime = Math.min(kept, maxLifetimeDays === null ? Number.POSITIVE_INFINITY : maxLifetimeDays * DAY_MS);
  if (lifetime === Number.POSITIVE_INFINITY) return null;
  return new Date(Math.min(now.getTime() + lifetime, API_KEY_LATEST_EXPIRY_MS));
}
