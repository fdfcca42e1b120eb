import { JOBS, type JobName } from "@homebase/jobs";
import { Queue } from "bullmq";
import { describe, expect, it } from "vitest";
import { purgeExpiredSessionsJob } from "./processors/maintenance/purge-expired-sessions";
import { createTestRuntime, useWorkerHarness } from "./testing/harness";
import { createTestRedis } from "./testing/redis";
import { UNREGISTERED_JOB_DELAY_MS } from "./worker";

const w = useWorkerHarness({ events: "maintenance" });

describe("worker runtime", () => {
  it("runs one worker per queue under the deployment's prefix", async () => {
    expect([...w.runtime.workers.keys()]).toEqual(["maintenance", "notifications", "storage", "accounts"]);
    // The hourly scheduler lives under this deployment's prefix, not BullMQ's default "bull".
    expect(await w.redis.connection.exists(`${w.redis.prefix}:maintenance:repeat`)).toBe(1);
  });

  it("fails a job with an unknown name without retrying it", async () => {
    const worker = w.runtime.workers.get("maintenance")!;
    const producer = new Queue("maintenance", { connection: w.redis.connection, prefix: w.redis.prefix });
    try {
      const job = await producer.add("reticulate-splines", {}, { attempts: 4 });
      await expect(job.waitUntilFinished(w.events, 15_000)).rejects.toThrow(/Unknown job name "reticulate-splines"/);
      const failed = await producer.getJob(job.id!);
      expect(failed!.attemptsMade).toBe(1);
      expect(await failed!.getState()).toBe("failed");
      expect(worker.isRunning()).toBe(true);
    } finally {
      await producer.close();
    }
  });

  it("close() is idempotent and stops the workers", async () => {
    const extra = createTestRuntime(w, w.redis, { schedules: false });
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
    const isolated = await createTestRedis();
    const old = createTestRuntime(w, isolated, {
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
