/**
 * alerts-throughput subject: the real worker runtime (createWorkerRuntime, real processors and
 * channels) on DB_FILE under QUEUE_PREFIX, schedules off. ENCRYPTION_KEY (hex) is the key the
 * bench encrypted the users' Slack webhooks with.
 */
import { closeDb, openDb } from "@homebase/db";
import { createWorkerRuntime, defineWorkerConfig } from "@homebase/worker";
import { Redis } from "ioredis";
import { pino } from "pino";
import { serve } from "./ipc";

const db = openDb({ file: process.env.DB_FILE! });
const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
const runtime = createWorkerRuntime({
  db,
  connection,
  prefix: process.env.QUEUE_PREFIX!,
  logger: pino({ level: process.env.LOG_LEVEL ?? "warn" }),
  config: defineWorkerConfig({
    dataDir: process.env.DATA_DIR!,
    encryptionKey: Buffer.from(process.env.ENCRYPTION_KEY!, "hex"),
    publicUrl: "http://127.0.0.1:3000",
  }),
  schedules: false,
});

serve({
  async ready() {
    await runtime.ready;
    return { concurrency: runtime.workers.get("notifications")?.opts.concurrency };
  },
  async close() {
    await runtime.close();
    connection.disconnect();
    closeDb(db);
    return true;
  },
});
