import { randomUUID } from "node:crypto";
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { enqueuePurgeAccount, enqueuePurgeTeam, PURGE_JOB_OPTIONS } from "./purges";
import { createQueues, type Queues } from "./queues";
import { getJobStatus, JOB_STATES, type JobSubject, toJobState } from "./status";
import {
  enqueueAllStorageRecalculation,
  enqueueStorageRecalculation,
  enqueueStorageRecalculationNow,
  STORAGE_DEBOUNCE_MS,
} from "./storage";

const REDIS_URL = "redis://127.0.0.1:6379";

let redis: Redis;
let prefix: string;
let queues: Queues;
beforeEach(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  prefix = `test-jobs-${randomUUID()}`;
  queues = createQueues({ connection: redis, prefix });
});
afterEach(async () => {
  await queues.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe("purges", () => {
  it("are one job per account and per team however often they are enqueued, retried with backoff", async () => {
    const first = await enqueuePurgeAccount(queues, "u1");
    const again = await enqueuePurgeAccount(queues, "u1");
    expect(first.jobId).toBe("purge-u1");
    expect(again.jobId).toBe("purge-u1");
    const team = await enqueuePurgeTeam(queues, "t1");
    await enqueuePurgeTeam(queues, "t1");
    expect(team.jobId).toBe("purge-team-t1");
    const jobs = await queues.queue("accounts").getJobs(["waiting"]);
    expect(jobs.map((j) => [j.name, j.id, j.data]).sort()).toEqual([
      ["purge-account", "purge-u1", { userId: "u1" }],
      ["purge-team", "purge-team-t1", { teamId: "t1" }],
    ]);
    for (const job of jobs) {
      expect(job.opts.attempts).toBe(PURGE_JOB_OPTIONS.attempts);
      expect(job.opts.backoff).toEqual(PURGE_JOB_OPTIONS.backoff);
    }
  });
});

describe("storage recalculations", () => {
  it("share one job per entity and debounce window", async () => {
    const windowStart = 1_700_000_000_000;
    const a = await enqueueStorageRecalculation(queues, "e1", windowStart + 10);
    const b = await enqueueStorageRecalculation(queues, "e1", windowStart + STORAGE_DEBOUNCE_MS - 1);
    const next = await enqueueStorageRecalculation(queues, "e1", windowStart + STORAGE_DEBOUNCE_MS);
    expect(a.jobId).toBe(`recalc-e1-${windowStart}`);
    expect(b.jobId).toBe(a.jobId);
    expect(next.jobId).toBe(`recalc-e1-${windowStart + STORAGE_DEBOUNCE_MS}`);
    expect(await queues.queue("storage").getDelayedCount()).toBe(2);
  });

  it("asked for now, or for everything, get ids no one can guess", async () => {
    const now1 = await enqueueStorageRecalculationNow(queues, "e1");
    const now2 = await enqueueStorageRecalculationNow(queues, "e1");
    expect(now1.jobId).toMatch(/^recalc-now-e1-[0-9a-f-]{36}$/);
    expect(now2.jobId).not.toBe(now1.jobId);
    expect((await enqueueAllStorageRecalculation(queues)).jobId).toMatch(/^recalc-all-[0-9a-f-]{36}$/);
  });
});

describe("job status", () => {
  it("is null for a job that never was, and for one the reader may not see", async () => {
    const { jobId } = await enqueueStorageRecalculationNow(queues, "e1");
    const seen: JobSubject[] = [];
    const mayRead = (job: JobSubject) => {
      seen.push(job);
      return job.entityId === "e1";
    };
    expect(await getJobStatus(queues, "storage", "nope", mayRead)).toBeNull();
    expect(await getJobStatus(queues, "storage", jobId, mayRead)).toEqual({ id: jobId, state: "waiting", progress: 0 });
    const all = await enqueueAllStorageRecalculation(queues);
    expect(await getJobStatus(queues, "storage", all.jobId, mayRead)).toBeNull();
    expect(seen).toEqual([
      { name: "recalculate-storage", entityId: "e1" },
      { name: "recalculate-all-storage", entityId: null },
    ]);
    expect(await getJobStatus(queues, "storage", all.jobId, async () => true)).toMatchObject({ state: "waiting" });
  });

  it("reports the state and the progress the job reported", async () => {
    const { jobId } = await enqueueStorageRecalculation(queues, "e2", Date.now() - STORAGE_DEBOUNCE_MS);
    expect(await getJobStatus(queues, "storage", jobId, () => true)).toMatchObject({ state: "delayed" });
    const job = await queues.queue("storage").getJob(jobId);
    await job!.updateProgress(40);
    expect(await getJobStatus(queues, "storage", jobId, () => true)).toEqual({
      id: jobId,
      state: "delayed",
      progress: 40,
    });

    const other = await enqueueStorageRecalculationNow(queues, "e3");
    const connection = redis.duplicate({ maxRetriesPerRequest: null });
    const worker = new Worker(
      "storage",
      async (j) => {
        await j.updateProgress(100);
      },
      { connection, prefix },
    );
    try {
      await expect
        .poll(async () => (await getJobStatus(queues, "storage", other.jobId, () => true))?.state, { timeout: 10_000 })
        .toBe("completed");
      expect(await getJobStatus(queues, "storage", other.jobId, () => true)).toEqual({
        id: other.jobId,
        state: "completed",
        progress: 100,
      });
    } finally {
      await worker.close();
      await connection.quit();
    }
  });

  it("shows BullMQ's other states as unknown", () => {
    expect(JOB_STATES).toEqual(["waiting", "delayed", "active", "completed", "failed", "unknown"]);
    for (const s of ["waiting", "delayed", "active", "completed", "failed"]) expect(toJobState(s)).toBe(s);
    expect(toJobState("prioritized")).toBe("unknown");
    expect(toJobState("waiting-children")).toBe("unknown");
  });
});
