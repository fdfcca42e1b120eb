import { z } from "zod";
import { createBlobStore } from "./index";
import type { BlobStore } from "./store";

/**
 * The blob-store variables, declared once for every app that keeps blobs (API and worker
 * spread this into their own env.ts, which validates them at start):
 * - `BLOB_STORE_URL`: unset (files under DATA_DIR), `file:///path`, or `s3://bucket/prefix`;
 * - `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`: an S3-compatible endpoint (MinIO, R2, …);
 * - `AWS_REGION` (default us-east-1);
 * - `AWS_S3_FORCE_PATH_STYLE`: `true`/`false` (default: path style with a custom endpoint).
 * Credentials (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, profiles, roles) are read by the
 * AWS SDK's own chain.
 */
export const blobStoreEnv = {
  BLOB_STORE_URL: z
    .string()
    .regex(/^(s3:\/\/[^/\s]+(\/\S*)?|file:\S+)$/, "s3://bucket/prefix or file:///path")
    .optional(),
  AWS_ENDPOINT_URL_S3: z.url({ protocol: /^https?$/ }).optional(),
  AWS_ENDPOINT_URL: z.url({ protocol: /^https?$/ }).optional(),
  AWS_REGION: z.string().min(1).optional(),
  AWS_S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).optional(),
};

/** The parsed values of {@link blobStoreEnv}. */
export interface BlobStoreEnv {
  BLOB_STORE_URL?: string | undefined;
  AWS_ENDPOINT_URL_S3?: string | undefined;
  AWS_ENDPOINT_URL?: string | undefined;
  AWS_REGION?: string | undefined;
  AWS_S3_FORCE_PATH_STYLE?: "true" | "false" | undefined;
}

/** The blob store a deployment's environment names (see {@link blobStoreEnv}). */
export function blobStoreFromEnv(env: BlobStoreEnv, dataDir: string): BlobStore {
  return createBlobStore({
    url: env.BLOB_STORE_URL,
    dataDir,
    s3: {
      endpoint: env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION,
      forcePathStyle: env.AWS_S3_FORCE_PATH_STYLE === undefined ? undefined : env.AWS_S3_FORCE_PATH_STYLE === "true",
    },
  });
}
