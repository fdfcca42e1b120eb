import { join } from "node:path";
import { type BlobStore, type BlobStoreEnv, blobStoreFromEnv, fileBlobStore } from "@homebase/blobs";
import {
  DEFAULT_MAIL_FROM,
  DEFAULT_RUN_HEARTBEAT_TIMEOUT_S,
  DEFAULT_WATCHDOG_INTERVAL_MS,
  defaultPublicUrl,
  type deliveriesEnv,
  type EnvOf,
  githubAppFromEnv,
  type githubEnv,
  type mailEnv,
  type runsEnv,
  type serverEnv,
  type storageEnv,
} from "@homebase/config";
import { DEFAULT_STORAGE_QUOTA_BYTES, deriveEncryptionKey } from "@homebase/core";
import { loadOrCreateSecretKey } from "@homebase/db";
import { DELIVERY_RETRY_BASE_MS } from "@homebase/jobs";

/**
 * Everything the worker's processors need to know about the deployment. Built once from
 * env.ts in main.ts (`workerConfigFromEnv`), by hand in tests (`defineWorkerConfig`), and
 * handed to every processor in its JobContext.
 */
export interface WorkerConfig {
  /** Base of links in e-mails and Slack messages (PUBLIC_URL). */
  publicUrl: string;
  dataDir: string;
  /** Avatars and run files (BLOB_STORE_URL): files under DATA_DIR by default, or an S3-compatible store. */
  blobs: BlobStore;
  /** Where .eml files go when no SMTP server is configured: DATA_DIR/outbox. */
  outboxDir: string;
  /** RUN_HEARTBEAT_TIMEOUT_S: a run silent this long is marked crashed. */
  runHeartbeatTimeoutSeconds: number;
  /** SMTP_URL; unset writes mail to `outboxDir`. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** AES-256-GCM key for stored third-party secrets (Slack webhook URLs), the same the API derives. */
  encryptionKey: Buffer;
  /** DELIVERY_RETRY_BASE_MS: first retry delay of every failed delivery, whoever enqueued it; later ones double. */
  deliveryRetryBaseMs: number;
  /** How often the watchdog (crash-stale-runs) runs. */
  watchdogIntervalMs: number;
  /** How often the delivery sweeper runs (10 s). */
  sweepIntervalMs: number;
  /** A pending delivery this long past due is re-enqueued by the sweeper (30 s). */
  sweepOverdueMs: number;
  /**
   * How long one attempt holds a delivery (see claimDelivery). Longer than any send can take
   * (the channel timeouts below), so a live attempt never loses its lease.
   */
  deliveryLeaseMs: number;
  /** How often the worker checks that its job schedulers still exist (a flushed Redis loses them). */
  scheduleCheckIntervalMs: number;
  /** Slack webhook request timeout. */
  slackTimeoutMs: number;
  /** SMTP connection, greeting and socket-inactivity timeout. */
  smtpTimeoutMs: number;
  /** DEFAULT_STORAGE_QUOTA_BYTES: the plan's quota when an entity has no override. */
  defaultStorageQuotaBytes: number;
  /** An entity whose usage stayed stale this long is recalculated by the storage sweeper. */
  storageStaleMs: number;
  /** The GitHub OAuth app, to revoke tokens of deleted accounts; absent when not configured. */
  github?: { clientId: string; clientSecret: string; baseUrl: string };
}

export type WorkerConfigInput = Partial<WorkerConfig> & Pick<WorkerConfig, "dataDir" | "encryptionKey">;

export function defineWorkerConfig(input: WorkerConfigInput): WorkerConfig {
  return {
    publicUrl: "http://localhost:3000",
    outboxDir: join(input.dataDir, "outbox"),
    blobs: fileBlobStore(input.dataDir),
    runHeartbeatTimeoutSeconds: DEFAULT_RUN_HEARTBEAT_TIMEOUT_S,
    smtpUrl: undefined,
    mailFrom: DEFAULT_MAIL_FROM,
    deliveryRetryBaseMs: DELIVERY_RETRY_BASE_MS,
    watchdogIntervalMs: DEFAULT_WATCHDOG_INTERVAL_MS,
    sweepIntervalMs: 10_000,
    sweepOverdueMs: 30_000,
    deliveryLeaseMs: 60_000,
    scheduleCheckIntervalMs: 10_000,
    slackTimeoutMs: 10_000,
    smtpTimeoutMs: 15_000,
    defaultStorageQuotaBytes: DEFAULT_STORAGE_QUOTA_BYTES,
    storageStaleMs: 30_000,
    ...input,
  };
}

/** The parsed environment the config is built from: the slices env.ts composes. */
export type WorkerEnvInput = BlobStoreEnv &
  EnvOf<
    typeof serverEnv & typeof storageEnv & typeof mailEnv & typeof githubEnv & typeof runsEnv & typeof deliveriesEnv
  >;

/** The config of a real deployment. Reads (or creates) DATA_DIR/secret.key when SECRET_KEY is unset, as the API does. */
export function workerConfigFromEnv(env: WorkerEnvInput): WorkerConfig {
  return defineWorkerConfig({
    publicUrl: env.PUBLIC_URL ?? defaultPublicUrl(env.PORT),
    dataDir: env.DATA_DIR,
    blobs: blobStoreFromEnv(env, env.DATA_DIR),
    runHeartbeatTimeoutSeconds: env.RUN_HEARTBEAT_TIMEOUT_S,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    encryptionKey: deriveEncryptionKey(loadOrCreateSecretKey(env.DATA_DIR, env.SECRET_KEY)),
    deliveryRetryBaseMs: env.DELIVERY_RETRY_BASE_MS,
    watchdogIntervalMs: env.WATCHDOG_INTERVAL_MS,
    defaultStorageQuotaBytes: env.DEFAULT_STORAGE_QUOTA_BYTES,
    github: githubAppFromEnv(env),
  });
}
