import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";
import { assertBlobKey, type BlobStore, blobBodyToReadable, meter } from "./store";

/** Where an S3-compatible store is and how to reach it. */
export interface S3BlobStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket, without leading or trailing `/` ("" for none). */
  prefix: string;
  /** An S3-compatible endpoint (MinIO, s3rver, R2 …); unset means AWS itself. */
  endpoint?: string;
  region?: string;
  /** Path-style addressing (`endpoint/bucket/key`), which most S3-compatible servers need. */
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * Blobs in an S3-compatible object store through the AWS SDK v3. Uploads stream through
 * `@aws-sdk/lib-storage` (multipart above 5 MB, so size is unknown up front and bounded only
 * by `maxBytes`); a PUT is atomic on S3, so a reader never sees half an object.
 *
 * The SDK (some 20 MB of memory) is loaded on the first use of the store, so a process whose
 * blobs are files, the default, never loads it.
 */
export function s3BlobStore(options: S3BlobStoreOptions): BlobStore {
  const config: S3ClientConfig = {
    region: options.region ?? "us-east-1",
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
  };
  if (options.endpoint) config.endpoint = options.endpoint;
  if (options.credentials) config.credentials = options.credentials;
  let loaded: Promise<{ client: S3Client; sdk: typeof import("@aws-sdk/client-s3") }> | undefined;
  const sdk = () => {
    loaded ??= import("@aws-sdk/client-s3").then((m) => ({ client: new m.S3Client(config), sdk: m }));
    return loaded;
  };
  const Bucket = options.bucket;
  const full = (key: string) => {
    assertBlobKey(key);
    return options.prefix ? `${options.prefix}/${key}` : key;
  };
  return {
    kind: "s3",
    async put(key, body, opts = {}) {
      const [{ client }, { Upload }] = await Promise.all([sdk(), import("@aws-sdk/lib-storage")]);
      const m = meter(opts.maxBytes);
      const out = new PassThrough();
      const upload = new Upload({
        client,
        params: { Bucket, Key: full(key), Body: out, ContentType: opts.contentType ?? "application/octet-stream" },
      });
      const sending = upload.done();
      try {
        await pipeline(blobBodyToReadable(body), m.stream, out);
      } catch (err) {
        await upload.abort().catch(() => {});
        await sending.catch(() => {});
        throw err;
      }
      await sending;
      return m.result();
    },
    async get(key) {
      const { client, sdk: s3 } = await sdk();
      try {
        const res = await client.send(new s3.GetObjectCommand({ Bucket, Key: full(key) }));
        if (!res.Body) return null;
        return Buffer.from(await res.Body.transformToByteArray());
      } catch (err) {
        if (err instanceof s3.NoSuchKey || (err as { name?: string }).name === "NoSuchKey") return null;
        throw err;
      }
    },
    async delete(key) {
      const { client, sdk: s3 } = await sdk();
      await client.send(new s3.DeleteObjectCommand({ Bucket, Key: full(key) }));
    },
    async deletePrefix(prefix) {
      const { client, sdk: s3 } = await sdk();
      const Prefix = `${full(prefix)}/`;
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new s3.ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
        const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
        // DeleteObjects takes at most 1,000 keys, which is also ListObjectsV2's page size.
        if (keys.length > 0)
          await client.send(new s3.DeleteObjectsCommand({ Bucket, Delete: { Objects: keys, Quiet: true } }));
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}
