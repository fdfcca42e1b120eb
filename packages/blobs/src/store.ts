import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

/** A blob's bytes as a caller hands them in: a web or Node stream, a Buffer, or nothing (empty). */
export type BlobBody = WebReadableStream<Uint8Array> | ReadableStream<Uint8Array> | Readable | Uint8Array | null;

/** What `put` measured while the bytes went by: `size` in bytes and the hex SHA-256 `digest`. */
export interface StoredBlob {
  size: number;
  digest: string;
}

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than the limit of ${limit} bytes.`);
  }
}

/**
 * Where Homebase keeps bytes that are not rows: avatars and the SDK's run files. Keys are
 * relative, `/`-separated names such as `avatars/<digest>.webp` or `run-files/<run>/<digest>`
 * (made only by this package's callers, never from user input). Two backends implement it: the
 * local filesystem (default; also valid on a volume shared by a fleet) and any S3-compatible
 * object store (`BLOB_STORE_URL=s3://bucket/prefix`).
 */
export interface BlobStore {
  readonly kind: "file" | "s3";
  /**
   * Streams `body` to `key`, replacing an earlier blob of that key only once the whole body has
   * arrived (a reader never sees half a blob; a failed upload leaves the earlier one).
   * @throws FileTooLargeError past `maxBytes` (nothing is kept).
   */
  put(key: string, body: BlobBody, options?: { maxBytes?: number; contentType?: string }): Promise<StoredBlob>;
  /** The whole blob, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes one blob; no error when it is already gone. */
  delete(key: string): Promise<void>;
  /** Removes every blob whose key starts with `prefix` + "/" (a run's files on purge). */
  deletePrefix(prefix: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Refuses keys that could escape the store (`..`, absolute, odd characters): a programming error. */
export function assertBlobKey(key: string): void {
  if (!KEY.test(key) || key.split("/").some((s) => s === "." || s === "..")) {
    throw new Error(`Invalid blob key: ${JSON.stringify(key)}`);
  }
}

function toReadable(body: BlobBody): Readable {
  if (body === null) return Readable.from([]);
  if (body instanceof Uint8Array) return Readable.from([Buffer.from(body)]);
  if (body instanceof Readable) return body;
  return Readable.fromWeb(body as WebReadableStream<Uint8Array>);
}

/** A pass-through that counts bytes, hashes them and fails with FileTooLargeError past `maxBytes`. */
export function meter(maxBytes = Number.POSITIVE_INFINITY) {
  const hash = createHash("sha256");
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, result: (): StoredBlob => ({ size, digest: hash.digest("hex") }) };
}

export { toReadable as blobBodyToReadable };

/**
 * Blobs as files under `root` (DATA_DIR, or a volume every host mounts). A blob is streamed to
 * a temporary name next to its target and renamed over it, so the swap is atomic.
 */
export function fileBlobStore(root: string): BlobStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    assertBlobKey(key);
    const full = resolve(base, key);
    if (!full.startsWith(base + sep)) throw new Error(`Invalid blob key: ${JSON.stringify(key)}`);
    return full;
  };
  return {
    kind: "file",
    async put(key, body, options = {}) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString("hex")}.part`;
      const m = meter(options.maxBytes);
      try {
        await pipeline(toReadable(body), m.stream, createWriteStream(temporary));
        await rename(temporary, target);
      } catch (err) {
        await rm(temporary, { force: true });
        throw err;
      }
      return m.result();
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async deletePrefix(prefix) {
      await rm(pathOf(prefix), { recursive: true, force: true });
    },
  };
}

/** For tests and tools: a file blob's bytes as a stream (file backend only). */
export function openFileBlob(root: string, key: string): Readable {
  assertBlobKey(key);
  return createReadStream(join(root, key));
}
