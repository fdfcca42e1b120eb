import { resolve } from "node:path";
import { blobStoreEnv } from "@homebase/blobs";
import { databaseEnv } from "@homebase/db";
import { DELIVERY_RETRY_BASE_MS } from "@homebase/jobs";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** Accepts a comma-separated list and yields trimmed, non-empty entries. */
const commaList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    );

/**
 * The worker's configuration, validated once at start. Nothing else in this app reads
 * `process.env`; everything below receives what it needs as arguments.
 */
export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Folder holding the SQLite file, the outbox and (when embedded) Redis data. Resolved to an absolute path. */
    DATA_DIR: z
      .string()
      .default("./data")
      .transform((dir) => resolve(dir)),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default("redis://127.0.0.1:6379"),
    /** Every Redis key of this deployment starts with it. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_.-]+$/, "letters, digits and : _ . - only")
      .default("homebase"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** Used in links inside e-mails and Slack messages. Defaults to http://localhost:PORT. */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** smtp(s)://user:pass@host:port — when unset, mail is written as .eml files to DATA_DIR/outbox. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).default("Homebase <no-reply@homebase.local>"),
    /** Hosts (or exact origins such as http://127.0.0.1:8080) Slack webhooks may point at. */
    SLACK_WEBHOOK_HOSTS: commaList("hooks.slack.com"),
    /** A run without a heartbeat for this many seconds is marked crashed. */
    RUN_HEARTBEAT_TIMEOUT_S: z.coerce.number().int().positive().default(300),
    DEFAULT_STORAGE_QUOTA_BYTES: z.coerce.number().int().positive().default(100_000_000_000),
    /** The GitHub OAuth app, to revoke the tokens of deleted accounts. */
    GITHUB_CLIENT_ID: z.string().optional(),
    GITHUB_CLIENT_SECRET: z.string().optional(),
    GITHUB_BASE_URL: z.url().default("https://github.com"),
    /** Encrypts stored third-party secrets; unset: @homebase/db's loadOrCreateSecretKey uses DATA_DIR/secret.key. */
    SECRET_KEY: z.string().optional(),
    /** Internal: first retry delay of a failed delivery (later ones double): 20 s gives 6 attempts over 620 s. */
    DELIVERY_RETRY_BASE_MS: z.coerce.number().int().positive().default(DELIVERY_RETRY_BASE_MS),
    /** SQLite (default) or PostgreSQL: see @homebase/db. */
    ...databaseEnv,
    /** Where avatars and run files live (purges delete them there): see @homebase/blobs. */
    ...blobStoreEnv,
    /** Internal: how often the watchdog looks for runs without heartbeats. */
    WATCHDOG_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

export type WorkerEnv = typeof env;

export const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
