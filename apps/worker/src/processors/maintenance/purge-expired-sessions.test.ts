import { randomBytes } from "node:crypto";
import { createSession, createUser, type Db, schema } from "@homebase/db";
import { createTestDb, type TestDb } from "@homebase/db/testing";
import { createQueues, type Queues } from "@homebase/jobs";
import { QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger";
import { testWorkerConfig } from "../../testing/config";
import { createTestRedis, type TestRedis } from "../../testing/redis";
import { createWorkerRuntime, type WorkerRuntime } from "../../worker";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const NOW = new Date("2030-06-01T12:00:00.000Z");
const HOUR = 3600_000;

let testDb: TestDb;
let redis: TestRedis;
let runtime: WorkerRuntime;
let queues: Queues;
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
    clock: () => NOW,
  });
  await runtime.ready;
  queues = createQueues({ connection: redis.connection, prefix: redis.prefix });
  events = new QueueEvents("maintenance", { connection: redis.connection.duplicate(), prefix: redis.prefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  await events?.close();
  await queues?.close();
  await runtime?.close();
  await redis?.cleanup();
  testDb?.cleanup();
});

let userCount = 0;
async function userWithSessions(db: Db, expiresInMs: number[]) {
  userCount += 1;
  const user = await createUser(db, {
    username: `user${userCount}`,
    email: `user${userCount}@example.com`,
    passwordHash: "not-a-real-hash",
  });
  const tokens: string[] = [];
  for (const ms of expiresInMs) {
    const tokenHash = randomBytes(32).toString("hex");
    // A session created `idle` ago with a 30-day idle timeout expires at NOW + ms.
    const idleTimeoutMs = 30 * 24 * HOUR;
    await createSession(db, {
      tokenHash,
      userId: user.id,
      now: new Date(NOW.getTime() + ms - idleTimeoutMs),
      idleTimeoutMs,
    });
    tokens.push(tokenHash);
  }
  return { user, tokens };
}

function sessionHashes(db: Db) {
  return db
    .select({ tokenHash: schema.sessions.tokenHash })
    .from(schema.sessions)
    .all()
    .map((s) => s.tokenHash)
    .sort();
}

describe("purge-expired-sessions", () => {
  it("removes only sessions whose expiry has passed", async () => {
    const { db } = testDb;
    const alice = await userWithSessions(db, [-HOUR, 2 * HOUR]); // one expired, one live
    const bob = await userWithSessions(db, [-30 * 24 * HOUR, -1]); // both expired
    const carol = await userWithSessions(db, [1, 29 * 24 * HOUR]); // both live, one by a millisecond
    expect(sessionHashes(db)).toHaveLength(6);

    const { jobId } = await queues.enqueue("purge-expired-sessions", {});
    const job = await queues.queue("maintenance").getJob(jobId);
    const result = await job!.waitUntilFinished(events, 15_000);

    expect(result).toEqual({ purged: 3 });
    expect(sessionHashes(db)).toEqual([alice.tokens[1], ...carol.tokens].sort());
    expect(bob.tokens.some((t) => sessionHashes(db).includes(t))).toBe(false);
  });

  it("is idempotent: a second run deletes nothing more", async () => {
    const before = sessionHashes(testDb.db);
    const { jobId } = await queues.enqueue("purge-expired-sessions", {});
    const result = await (await queues.queue("maintenance").getJob(jobId))!.waitUntilFinished(events, 15_000);
    expect(result).toEqual({ purged: 0 });
    expect(sessionHashes(testDb.db)).toEqual(before);
  });

  it("fails a job with a bad payload at once, without retrying and without touching sessions", async () => {
    const { db } = testDb;
    await userWithSessions(db, [-HOUR]);
    const before = sessionHashes(db);
    // An outdated producer bypassing the typed `enqueue`: the worker must reject the payload itself.
    const job = await queues
      .queue("maintenance")
      .add(
        "purge-expired-sessions",
        { olderThan: "yesterday" },
        { attempts: 5, backoff: { type: "fixed", delay: 50 } },
      );

    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow(/Invalid payload for "purge-expired-sessions"/);
    const failed = await queues.queue("maintenance").getJob(job.id!);
    expect(await failed!.getState()).toBe("failed");
    expect(failed!.attemptsMade).toBe(1);
    expect(sessionHashes(db)).toEqual(before);
  });

  it("is registered to run every hour", async () => {
    const schedulers = await queues.queue("maintenance").getJobSchedulers();
    const purge = schedulers.find((s) => s.key === "purge-expired-sessions");
    expect(purge).toMatchObject({ name: "purge-expired-sessions", pattern: "7 * * * *" });
    expect(purge!.next! - Date.now()).toBeLessThanOrEqual(HOUR);
  });
});
