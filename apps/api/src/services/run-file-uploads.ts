import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Run-file uploads through signed URLs, as W&B's CreateRunFiles hands them out: the SDK PUTs
 * each file's raw bytes with no credentials, so the URL itself carries a short-lived
 * HMAC-SHA256 signature, bound to the run and the path (like an S3 presigned URL).
 */

/** How long an upload URL stays valid: 1 hour, as W&B's presigned URLs. */
export const UPLOAD_URL_TTL_SECONDS = 3600;
/** The route that takes the PUT; `:id` is the run's server id. */
export const UPLOAD_ROUTE_PREFIX = "/files/run-uploads";

/** The HMAC key of upload URLs, derived from SECRET_KEY's encryption key (a key is never used for two purposes). */
export function uploadSigningKey(encryptionKey: Buffer): Buffer {
  return createHmac("sha256", encryptionKey).update("homebase:run-file-upload:v1").digest();
}

function signature(key: Buffer, runId: string, path: string, expires: number): Buffer {
  return createHmac("sha256", key).update(`${runId}\n${path}\n${expires}`).digest();
}

/**
 * The signed URL for PUTting `path` of run `runId`, valid until `now + ttl`:
 * `ORIGIN/files/run-uploads/RUN?path=…&expires=UNIX_SECONDS&signature=BASE64URL`.
 */
export function signUploadUrl(p: {
  origin: string;
  key: Buffer;
  runId: string;
  path: string;
  now: Date;
  ttlSeconds?: number;
}): string {
  const expires = Math.floor(p.now.getTime() / 1000) + (p.ttlSeconds ?? UPLOAD_URL_TTL_SECONDS);
  const query = new URLSearchParams({
    path: p.path,
    expires: String(expires),
    signature: signature(p.key, p.runId, p.path, expires).toString("base64url"),
  });
  return `${p.origin}${UPLOAD_ROUTE_PREFIX}/${encodeURIComponent(p.runId)}?${query}`;
}

/** Whether an upload URL's signature is this server's for this run and path, and not expired. */
export function verifyUploadUrl(p: {
  key: Buffer;
  runId: string;
  path: string | undefined;
  expires: string | undefined;
  signature: string | undefined;
  now: Date;
}): "valid" | "expired" | "invalid" {
  if (!p.path || !p.expires || !p.signature || !/^\d{1,12}$/.test(p.expires)) return "invalid";
  const expires = Number(p.expires);
  const given = Buffer.from(p.signature, "base64url");
  const expected = signature(p.key, p.runId, p.path, expires);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  return expires * 1000 < p.now.getTime() ? "expired" : "valid";
}
