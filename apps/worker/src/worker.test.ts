import { createTestDb, type TestDb } from "@homebase/db/testing";
import { Queue, QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { createTestRedis, type TestRedis } from "./testing/redis";
import { createWorkerRuntime, type WorkerRuntime } from "./worker";

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
    expect([...runtime.workers.keys()]).toEqual(["maintenance"]);
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
      schedules: false,
    });
    await extra.ready;
    await Promise.all([extra.close(), extra.close()]);
    expect(extra.workers.get("maintenance")!.isRunning()).toBe(false);
  });
});
