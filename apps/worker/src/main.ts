import { closeDatabase, dialectOf, openDatabase } from "@homebase/db";
import { createOutageReporter } from "@homebase/jobs";
import { Redis } from "ioredis";
import { workerConfigFromEnv } from "./config";
import { env } from "./env";
import { createLogger } from "./logger";
import { createWorkerRuntime } from "./worker";

/** Node entry of the worker process: `tsx src/main.ts`. */
const logger = createLogger(env.LOG_LEVEL);
const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: env.DATABASE_POOL_SIZE });
const connection = new Redis(env.REDIS_URL, {
  // BullMQ's blocking commands must never give up on a reconnecting connection.
  maxRetriesPerRequest: null,
  connectionName: `${env.QUEUE_PREFIX}:worker`,
});
const outage = createOutageReporter(logger, "worker");
connection.on("error", (err) => {
  if (!outage.error(err)) logger.warn({ err: { message: err.message } }, "redis connection error");
});
connection.on("ready", () => outage.ready());

const config = workerConfigFromEnv(env);
const runtime = createWorkerRuntime({ db, connection, prefix: env.QUEUE_PREFIX, logger, config });
logger.info(
  {
    dataDir: env.DATA_DIR,
    database: dialectOf(db),
    blobs: config.blobs.kind,
    prefix: env.QUEUE_PREFIX,
    pid: process.pid,
    publicUrl: config.publicUrl,
    mail: config.smtpUrl ? "smtp" : "outbox",
  },
  "worker starting",
);

runtime.ready.catch((err) => {
  logger.fatal({ err }, "worker failed to start");
  void shutdown("startup failure", 1);
});

let shuttingDown = false;
async function shutdown(reason: string, code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ reason }, "worker shutting down");
  // Running jobs get time to finish; a job that hangs must not keep the process alive forever.
  const force = setTimeout(() => {
    logger.error("graceful shutdown timed out, exiting");
    process.exit(1);
  }, 30_000);
  force.unref();
  try {
    await runtime.close();
    await connection.quit().catch(() => connection.disconnect());
    await closeDatabase(db);
  } catch (err) {
    logger.error({ err }, "error during shutdown");
    code = 1;
  }
  process.exit(code);
}

process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
