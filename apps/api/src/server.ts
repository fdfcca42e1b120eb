import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { blobStoreFromEnv } from "@homebase/blobs";
import { deriveEncryptionKey } from "@homebase/core";
import { closeDb, loadOrCreateSecretKey, openDb } from "@homebase/db";
import { createOutageReporter, createQueues } from "@homebase/jobs";
import { serve } from "@hono/node-server";
import { Redis } from "ioredis";
import { createApp } from "./app";
import { defineConfig, resolvePublicUrl } from "./config";
import { env } from "./env";
import { createLogger } from "./logger";
import { introRenderer } from "./services/intro-renderer";

const logger = createLogger({ level: env.LOG_LEVEL });
const { publicUrl, loopbackOrigins } = resolvePublicUrl(env.PUBLIC_URL, env.PORT);
const defaultDist = fileURLToPath(new URL("../../web/dist", import.meta.url));
const webDistDir = env.WEB_DIST_DIR ?? defaultDist;

const db = openDb({ file: join(env.DATA_DIR, "homebase.sqlite") });
// Fails fast while Redis is down, so /readyz and the login limiter answer at once.
const redis = new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
const outage = createOutageReporter(logger, "api");
redis.on("error", (err) => {
  if (!outage.error(err)) logger.warn({ err: err.message }, "redis connection error");
});
redis.on("ready", () => outage.ready());
const queueConnection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
queueConnection.on("error", (err) => {
  if (!outage.error(err)) logger.warn({ err: err.message }, "redis (queues) connection error");
});
const queues = createQueues({ connection: queueConnection, prefix: env.QUEUE_PREFIX });

const app = createApp({
  db,
  redis,
  queues,
  logger,
  config: defineConfig({
    publicUrl,
    loopbackOrigins,
    deploymentMode: env.DEPLOYMENT_MODE,
    queuePrefix: env.QUEUE_PREFIX,
    dataDir: env.DATA_DIR,
    blobs: blobStoreFromEnv(env, env.DATA_DIR),
    defaultStorageQuotaBytes: env.DEFAULT_STORAGE_QUOTA_BYTES,
    webDistDir: existsSync(webDistDir) ? webDistDir : undefined,
    trustProxy: env.TRUST_PROXY,
    encryptionKey: deriveEncryptionKey(loadOrCreateSecretKey(env.DATA_DIR, env.SECRET_KEY)),
    slackWebhookHosts: env.SLACK_WEBHOOK_HOSTS,
    runFileMaxBytes: env.RUN_FILE_MAX_BYTES,
    githubBaseUrl: env.GITHUB_BASE_URL,
    github:
      env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
        ? { clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET, baseUrl: env.GITHUB_BASE_URL }
        : undefined,
  }),
});

if (!existsSync(webDistDir)) logger.warn({ webDistDir }, "web shell not built; only the API is served");

// The intro renderer's worker thread loads while the server starts listening.
introRenderer().warm();

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: "0.0.0.0" }, (info) => {
  logger.info({ port: info.port, publicUrl }, `Homebase API listening on ${publicUrl}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  server.close();
  await queues.close().catch(() => {});
  redis.disconnect();
  queueConnection.disconnect();
  closeDb(db);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
