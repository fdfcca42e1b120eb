import { resolve } from "node:path";
import { blobStoreEnv, DEFAULT_RUN_FILE_MAX_BYTES } from "@homebase/blobs";
import { databaseEnv } from "@homebase/db";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

/** The API's configuration, validated once. Nothing else in the API reads process.env. */
export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z
      .string()
      .default("./data")
      .transform((p) => resolve(p)),
    REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
    QUEUE_PREFIX: z.string().min(1).default("homebase"),
    DEPLOYMENT_MODE: z.enum(["multi-tenant", "dedicated", "self-managed"]).default("self-managed"),
    DEFAULT_STORAGE_QUOTA_BYTES: z.coerce.number().int().positive().default(100_000_000_000),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Homebase <no-reply@homebase.local>"),
    SLACK_WEBHOOK_HOSTS: z.string().default("hooks.slack.com"),
    GITHUB_CLIENT_ID: z.string().optional(),
    GITHUB_CLIENT_SECRET: z.string().optional(),
    GITHUB_BASE_URL: z.url().default("https://github.com"),
    RUN_HEARTBEAT_TIMEOUT_S: z.coerce.number().int().positive().default(300),
    SECRET_KEY: z.string().optional(),
    /** Largest run file the SDK may upload, in bytes (default 5 GB). */
    /** SQLite (default) or PostgreSQL: see @homebase/db. */
    ...databaseEnv,
    /** Where avatars and run files live: see @homebase/blobs. */
    ...blobStoreEnv,
    RUN_FILE_MAX_BYTES: z.coerce.number().int().positive().default(DEFAULT_RUN_FILE_MAX_BYTES),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Folder of the built settings shell; defaults to apps/web/dist of this checkout. */
    WEB_DIST_DIR: z.string().optional(),
    TRUST_PROXY: bool,
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

export type Env = typeof env;
