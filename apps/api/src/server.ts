import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { blobStoreFromEnv } from "@homebase/blobs";
import { githubAppFromEnv } from "@homebase/config";
import { deriveEncryptionKey } from "@homebase/core";
import { closeDatabase, dialectOf, loadOrCreateSecretKey, openDatabase } from "@homebase/db";
import { createOutageReporter, createQueues } from "@homebase/jobs";
import { serve } from "@hono/node-server";
import { Redis } from "ioredis";
import { createApp } from "./app";
import { defineConfig, resolvePublicUrl } from "./config";
import { env } from "./env";
import { parseTrustedProxies } from "./lib/client-ip";
import { createLogger } from "./logger";
import { introRenderer } from "./services/intro-renderer";

const logger = createLogger({ level: env.LOG_LEVEL });
const { publicUrl, loopbackOrigins } = resolvePublicUrl(env.PUBLIC_URL, env.PORT);
const defaultDist = fileURLToPath(new URL("../../web/dist", import.meta.url));
const webDistDir = env.WEB_DIST_DIR ?? defaultDist;

const blobs = blobStoreFromEnv(env, env.DATA_DIR);
const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: env.DATABASE_POOL_SIZE });
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
    blobs,
    defaultStorageQuotaBytes: env.DEFAULT_STORAGE_QUOTA_BYTES,
    webDistDir: existsSync(webDistDir) ? webDistDir : undefined,
    trustedProxies: parseTrustedProxies(env.TRUST_PROXY && !env.TRUSTED_PROXIES ? "*" : env.TRUSTED_PROXIES),
    encryptionKey: deriveEncryptionKey(loadOrCreateSecretKey(env.DATA_DIR, env.SECRET_KEY)),
    slackWebhookHosts: env.SLACK_WEBHOOK_HOSTS,
    runFileMaxBytes: env.RUN_FILE_MAX_BYTES,
    githubBaseUrl: env.GITHUB_BASE_URL,
    github: githubAppFromEnv(env),
  }),
});

if (!existsSync(webDistDir)) logger.warn({ webDistDir }, "web shell not built; only the API is served");

// The intro renderer's worker thread loads while the server starts listening.
introRenderer().warm();

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: "0.0.0.0" }, (info) => {
  logger.info(
    { port: info.port, publicUrl, database: dialectOf(db), blobs: blobs.kind },
    `Homebase API listening on ${publicUrl}`,
  );
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
  await closeDatabase(db).catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
