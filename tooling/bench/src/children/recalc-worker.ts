/**
 * storage-recalc subject: the worker's full recalculation, run by the real worker runtime
 * (createWorkerRuntime with its real processors) on DB_FILE (SQLite, opened with openDb) or, when
 * DATABASE_URL is set, on that PostgreSQL database (openDatabase with DATABASE_POOL_SIZE, as
 * apps/worker/src/main.ts opens it), with a real Redis under QUEUE_PREFIX. Each "run" enqueues
 * recalculate-all-storage and waits for it, as the daily scheduler or POST
 * /admin/storage/recalculate would.
 */
import { randomBytes } from "node:crypto";
import { closeDatabase, type Db, dialectOf, openDatabase, openDb, pgPoolOf } from "@homebase/db";
import { createQueues } from "@homebase/jobs";
import { createWorkerRuntime, defineWorkerConfig } from "@homebase/worker";
import { QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { pino } from "pino";
import { serve } from "./ipc";

/** What one "run" answers: the recalculate-all-storage job, timed (seconds), and its result. */
export interface RecalcWorkerRun {
  seconds: number;
  /** The job's own processing time (BullMQ's processedOn → finishedOn), null when unknown. */
  processingSeconds: number | null;
  result: { entities: number; alerts: number; pruned: number };
  usedBytes: { s: number; n: number };
}

const prefix = process.env.QUEUE_PREFIX!;
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const dataDir = process.env.DATA_DIR!;
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const logger = pino({ level: process.env.LOG_LEVEL ?? "warn" });
const queues = createQueues({ connection, prefix });
const events = new QueueEvents("storage", { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix });

// Opened at once and awaited by each command (the IPC listener must exist before any await).
const opened = (async () => {
  const db: Db = process.env.DATABASE_URL
    ? await openDatabase({
        url: process.env.DATABASE_URL,
        dataDir,
        poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      })
    : openDb({ file: process.env.DB_FILE! });
  const runtime = createWorkerRuntime({
    db,
    connection,
    prefix,
    logger,
    config: defineWorkerConfig({ dataDir, encryptionKey: randomBytes(32), publicUrl: "http://127.0.0.1:3000" }),
    schedules: false,
  });
  return { db, runtime };
})();

/** The stored usage: its sum and its row count. */
async function storedUsage(db: Db): Promise<{ s: number; n: number }> {
  if (dialectOf(db) === "postgres") {
    const { rows } = await pgPoolOf(db).query<{ s: string | null; n: string }>(
      "select sum(used_bytes) as s, count(*) as n from storage_usage",
    );
    return { s: Number(rows[0]!.s ?? 0), n: Number(rows[0]!.n) };
  }
  return db.$client.prepare("select sum(used_bytes) as s, count(*) as n from storage_usage").get() as {
    s: number;
    n: number;
  };
}

let n = 0;
serve({
  async ready() {
    const { runtime } = await opened;
    await runtime.ready;
    await events.waitUntilReady();
    return { pid: process.pid };
  },
  async run(): Promise<RecalcWorkerRun> {
    const { db } = await opened;
    const started = performance.now();
    const { jobId } = await queues.enqueue("recalculate-all-storage", {}, { jobId: `bench-all-${Date.now()}-${++n}` });
    const job = (await queues.queue("storage").getJob(jobId))!;
    const result = await job.waitUntilFinished(events, 30 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    const done = (await queues.queue("storage").getJob(jobId))!;
    return {
      seconds,
      processingSeconds: done.finishedOn && done.processedOn ? (done.finishedOn - done.processedOn) / 1000 : null,
      result,
      usedBytes: await storedUsage(db),
    };
  },
  async close() {
    const { db, runtime } = await opened;
    await runtime.close();
    await events.close();
    await queues.close();
    connection.disconnect();
    await closeDatabase(db);
    return true;
  },
});
