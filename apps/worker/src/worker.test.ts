import { createTestDb, type TestDb } from "@homebase/db/testing";
import { JOBS, type JobName } from "@homebase/jobs";
import { Queue, QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { purgeExpiredSessionsJob } from "./processors/maintenance/purge-expired-sessions";
import { testWorkerConfig } from "./testing/config";
import { createTestRedis, type TestRedis } from "./testing/redis";
import { createWorkerRuntime, UNREGISTERED_JOB_DELAY_MS, type WorkerRuntime } from "./worker";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

let testDb: TestDb;
let redis: TestRedis;
let runtime: WorkerRuntime;
let events: QueueEvents;

beforeAll(async () => {
  testDb = createTestDb();
  redis = await createTestRedis(REDIS_URL);
  runtime = createWorkerRuntime({
    db: testDb.db,
    connection: redis.connection,
    prefix: redis.prefix,
    logger: createLogger("silent"),
    config: testWorkerConfig({ dataDir: testDb.dir }),
  });
  await runtime.ready;
  events = new QueueEvents("maintenance", { connection: redis.connection.duplicate(), prefix: redis.prefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  await events?.close();
  await runtime?.close();
  await redis?.cleanup();
  testDb?.cleanup();
});

describe("worker runtime", () => {
  it("runs one worker per queue under the deployment's prefix", async () => {
    expect([...runtime.workers.keys()]).toEqual(["maintenance", "notifications", "storage", "accounts"]);
    // The hourly scheduler lives under this deployment's prefix, not BullMQ's default "bull".
    expect(await redis.connection.exists(`${redis.prefix}:maintenance:repeat`)).toBe(1);
  });

  it("fails a job with an unknown name without retrying it", async () => {
    const worker = runtime.workers.get("maintenance")!;
    const producer = new Queue("maintenance", { connection: redis.connection, prefix: redis.prefix });
    try {
      const job = await producer.add("reticulate-splines", {}, { attempts: 4 });
      await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow(/Unknown job name "reticulate-splines"/);
      const failed = await producer.getJob(job.id!);
      expect(failed!.attemptsMade).toBe(1);
      expect(await failed!.getState()).toBe("failed");
      expect(worker.isRunning()).toBe(true);
    } finally {
      await producer.close();
    }
  });

  it("close() is idempotent and stops the workers", async () => {
    const extra = createWorkerRuntime({
      db: testDb.db,
      connection: redis.connection,
      prefix: redis.prefix,
      logger: createLogger("silent"),
      config: testWorkerConfig({ dataDir: testDb.dir }),
      schedules: false,
    });
    await extra.ready;
    await Promise.all([extra.close(), extra.close()]);
    expect(extra.workers.get("maintenance")!.isRunning()).toBe(false);
  });

  it("parks a job this build has no processor for, instead of failing it, and serves no queue it cannot process", async () => {
    // A worker build that only knows the session purge, as during a rolling deploy.
    const other = (Object.keys(JOBS) as JobName[]).find(
      (n) => JOBS[n].queue === "maintenance" && n !== "purge-expired-sessions",
    );
    expect(other).toBeDefined();
    const isolated = await createTestRedis(REDIS_URL);
    const old = createWorkerRuntime({
      db: testDb.db,
      connection: isolated.connection,
      prefix: isolated.prefix,
      logger: createLogger("silent"),
      config: testWorkerConfig({ dataDir: testDb.dir }),
      schedules: false,
      processors: { "purge-expired-sessions": purgeExpiredSessionsJob },
    });
    const producer = new Queue("maintenance", { connection: isolated.connection, prefix: isolated.prefix });
    try {
      await old.ready;
      expect([...old.workers.keys()]).toEqual(["maintenance"]);
      const job = await producer.add(other!, {}, { attempts: 1 });
      await expect
        .poll(async () => producer.getJob(job.id!).then((j) => j?.getState()), { timeout: 10_000 })
        .toBe("delayed");
      const parked = await producer.getJob(job.id!);
      expect(parked!.failedReason ?? "").toBe("");
      expect(parked!.delay).toBeGreaterThanOrEqual(UNREGISTERED_JOB_DELAY_MS - 1000);
    } finally {
      await producer.close();
      await old.close();
      await isolated.cleanup();
    }
  });
});
