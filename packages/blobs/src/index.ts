import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

/**
 * Blobs: the bytes Homebase keeps outside the database. Run files uploaded by the wandb SDK
 * live on the local disk under DATA_DIR (also valid on a shared volume). Nothing outside this
 * package touches blob paths.
 */

/** Default per-file limit of a run file (RUN_FILE_MAX_BYTES): 5 GB, S3's single-PUT maximum. */
export const DEFAULT_RUN_FILE_MAX_BYTES = 5_000_000_000;

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

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than the limit of ${limit} bytes.`);
  }
}

/**
 * Run files on the local disk under `DATA_DIR/run-files/<run id>/<SHA-256 of the path>`. A file
 * is streamed to a temporary name while its SHA-256 is taken, then renamed over the earlier
 * upload of the same path, so a reader never sees half a file and a failed upload leaves
 * nothing behind.
 */
export function runFileStore(dataDir: string) {
  const root = join(dataDir, "run-files");
  const fileFor = (runId: string, path: string) => join(root, runId, createHash("sha256").update(path).digest("hex"));
  return {
    /** Streams `body` to the run's file `path`; FileTooLargeError past `maxBytes` (nothing is kept). */
    async put(
      runId: string,
      path: string,
      body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array> | null,
      maxBytes: number,
    ): Promise<{ size: number; digest: string }> {
      const target = fileFor(runId, path);
      await mkdir(join(root, runId), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString("hex")}.part`;
      const hash = createHash("sha256");
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const source = body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : Readable.from([]);
      try {
        await pipeline(source, meter, createWriteStream(temporary));
        await rename(temporary, target);
      } catch (err) {
        await rm(temporary, { force: true });
        throw err;
      }
      return { size, digest: hash.digest("hex") };
    },
    /** Deletes every file of a run (account purge). */
    async removeRun(runId: string): Promise<void> {
      await rm(join(root, runId), { recursive: true, force: true });
    },
    path: fileFor,
  };
}
