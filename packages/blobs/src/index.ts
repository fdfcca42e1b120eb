import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { s3BlobStore } from "./s3";
import { type BlobBody, type BlobStore, fileBlobStore, type StoredBlob } from "./store";

/**
 * Blobs: the bytes Homebase keeps outside the database — avatars and the run files uploaded by
 * the wandb SDK — behind one small interface ({@link BlobStore}) with two backends: the local
 * filesystem under DATA_DIR (default; also valid on a shared volume) and any S3-compatible
 * object store. Nothing outside this package touches blob paths or S3 keys.
 */

export { type S3BlobStoreOptions, s3BlobStore } from "./s3";
export {
  assertBlobKey,
  type BlobBody,
  type BlobStore,
  FileTooLargeError,
  fileBlobStore,
  type StoredBlob,
} from "./store";

/** Default per-file limit of a run file (RUN_FILE_MAX_BYTES): 5 GB, S3's single-PUT maximum. */
export const DEFAULT_RUN_FILE_MAX_BYTES = 5_000_000_000;

/**
 * The blob store `BLOB_STORE_URL` names:
 * - unset or empty: files under `dataDir`;
 * - `file:///absolute/path` (or `file:relative/path`): files under that folder, e.g. a volume
 *   every host of a fleet mounts;
 * - `s3://bucket/optional/prefix`: an S3-compatible store at `s3.endpoint` (the apps read it from
 *   `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL`; unset: AWS) in `s3.region` (`AWS_REGION`,
 *   default us-east-1), with credentials from the AWS SDK's usual chain (`AWS_ACCESS_KEY_ID` /
 *   `AWS_SECRET_ACCESS_KEY`, profiles, instance roles). Path-style addressing is used with a
 *   custom endpoint unless `s3.forcePathStyle` says otherwise (`AWS_S3_FORCE_PATH_STYLE`).
 * @throws Error naming the variable when the URL is neither.
 */
export function createBlobStore(options: {
  url?: string;
  dataDir: string;
  s3?: { endpoint?: string; region?: string; forcePathStyle?: boolean };
}): BlobStore {
  const url = options.url?.trim();
  if (!url) return fileBlobStore(options.dataDir);
  if (url.startsWith("file:")) {
    const path = url.startsWith("file://") ? new URL(url).pathname : url.slice("file:".length);
    if (!path) throw new Error("BLOB_STORE_URL file: URL names no folder.");
    return fileBlobStore(resolve(path));
  }
  if (url.startsWith("s3://")) {
    const parsed = new URL(url);
    if (!parsed.hostname) throw new Error("BLOB_STORE_URL must name a bucket: s3://bucket/prefix.");
    const endpoint = options.s3?.endpoint || undefined;
    return s3BlobStore({
      bucket: parsed.hostname,
      prefix: decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, ""),
      endpoint,
      region: options.s3?.region || undefined,
      forcePathStyle: options.s3?.forcePathStyle ?? endpoint !== undefined,
    });
  }
  throw new Error(`BLOB_STORE_URL must be s3://bucket/prefix or file:///path, not ${JSON.stringify(url)}.`);
}

/**
 * A run-file path as the SDK names files ("output.log", "media/images/a.png"): 1–1024
 * characters, relative, no `.` or `..` segments, no backslash or control characters.
 * Anything else gets no upload URL.
 */
export function isValidRunFilePath(path: string): boolean {
  if (path.length === 0 || path.length > 1024) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(path) || path.startsWith("/")) return false;
  return path.split("/").every((seg) => seg.length > 0 && seg !== "." && seg !== "..");
}

/** The key of a run's file: `run-files/<run id>/<SHA-256 of the path>` (any path maps to a safe name). */
export function runFileKey(runId: string, path: string): string {
  return `run-files/${runId}/${createHash("sha256").update(path).digest("hex")}`;
}

/**
 * The SDK's run files in a blob store: one blob per run and path, replaced by a re-upload of
 * the same path.
 */
export function runFileStore(store: BlobStore) {
  return {
    /** Streams `body` to the run's file `path`; FileTooLargeError past `maxBytes` (nothing is kept). */
    put(runId: string, path: string, body: BlobBody, maxBytes: number): Promise<StoredBlob> {
      return store.put(runFileKey(runId, path), body, { maxBytes });
    },
    /** The bytes of a run's file, or null. */
    get(runId: string, path: string): Promise<Buffer | null> {
      return store.get(runFileKey(runId, path));
    },
    /** Deletes every file of a run (account and team purge). */
    removeRun(runId: string): Promise<void> {
      return store.deletePrefix(`run-files/${runId}`);
    },
  };
}

export { type BlobStoreEnv, blobStoreEnv, blobStoreFromEnv } from "./env";

const AVATAR_KEY = /^[0-9a-f]{32}\.webp$/;

/** An avatar's key as stored on a profile: the first 32 hex digits of its SHA-256, then `.webp`. */
export function isAvatarKey(key: string): boolean {
  return AVATAR_KEY.test(key);
}

/**
 * Profile pictures in a blob store under `avatars/<key>`, named by the digest of their (already
 * re-encoded WebP) content, so one picture used twice is stored once. Unknown-shaped keys read
 * as missing and are never deleted.
 */
export function avatarBlobs(store: BlobStore) {
  return {
    /** Stores `image` (WebP bytes) and returns its key. */
    async save(image: Buffer): Promise<string> {
      const key = `${createHash("sha256").update(image).digest("hex").slice(0, 32)}.webp`;
      await store.put(`avatars/${key}`, image, { contentType: "image/webp" });
      return key;
    },
    /** The picture's bytes, or null. */
    read(key: string): Promise<Buffer | null> {
      return isAvatarKey(key) ? store.get(`avatars/${key}`) : Promise.resolve(null);
    },
    /** Deletes the picture; no error when it is gone. */
    async remove(key: string): Promise<void> {
      if (isAvatarKey(key)) await store.delete(`avatars/${key}`);
    },
  };
}
