import {
  createUser,
  deleteStorageObject,
  ensureProject,
  getEntityStorage,
  insertStorageObjects,
  listDeliveryLog,
  setEntityQuota,
} from "@homebase/db";
import { enqueueStorageRecalculation, STORAGE_DEBOUNCE_MS } from "@homebase/jobs";
import { describe, expect, it } from "vitest";
import { useWorkerHarness } from "../../testing/harness";

const w = useWorkerHarness({ schedules: false, config: { defaultStorageQuotaBytes: 1_000_000 } });

const usage = (entityId: string) =>
  getEntityStorage(w.db, { entityId, defaultQuotaBytes: 1_000_000, historyDays: 30, now: new Date() });

async function completedRecalculations(): Promise<number> {
  const jobs = await w.queues.queue("storage").getJobs(["completed"], 0, -1);
  return jobs.filter((j) => j.name === "recalculate-storage").length;
}

describe("debounced storage recalculation", () => {
  it("settles a burst of 2,000 writes with at most one recalculation per debounce window", async () => {
    const ada = await createUser(w.db, { username: "burst-ada", email: "burst@example.com", passwordHash: "x" });
    const project = await ensureProject(w.db, { entityId: ada.id, name: "p", userId: ada.id });
    const before = await completedRecalculations();
    let expected = 0;
    const write = async (i: number) => {
      const size = (i % 7) * 10;
      // Every 10th object repeats a digest: it must count once.
      const digest = i % 10 === 0 && i > 0 ? "repeat" : `d${i}`;
      await insertStorageObjects(w.db, {
        now: new Date(),
        objects: [{ entityId: ada.id, projectId: project.id, kind: "artifact", path: `f${i}`, size, digest }],
      });
      await enqueueStorageRecalculation(w.queues, ada.id);
    };
    for (let i = 0; i < 2000; i++) {
      const digest = i % 10 === 0 && i > 0 ? "repeat" : `d${i}`;
      if (digest !== "repeat" || i === 10) expected += (i % 7) * 10;
    }
    // A burst as many clients send it: 2,000 single-object writes, 50 in flight at a time.
    const started = Date.now();
    for (let i = 0; i < 2000; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => write(i + j)));
    // The debounce windows the burst's writes fell in: a few seconds' worth on an idle machine,
    // more on a loaded one (the count depends on the machine, the bound per window does not).
    const windows = Math.floor(Date.now() / STORAGE_DEBOUNCE_MS) - Math.floor(started / STORAGE_DEBOUNCE_MS) + 1;
    await expect.poll(async () => (await usage(ada.id)).usedBytes, { timeout: 15_000, interval: 100 }).toBe(expected);
    await expect
      .poll(async () => (await usage(ada.id)).computedAt !== null && !(await usage(ada.id)).stale, { timeout: 5000 })
      .toBe(true);
    const runs = (await completedRecalculations()) - before;
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(windows);
  });

  it("reflects a delete, and an alert fires once when the level rises", async () => {
    const bob = await createUser(w.db, {
      username: "bob-storage",
      email: "bob-storage@example.com",
      passwordHash: "x",
    });
    const project = await ensureProject(w.db, { entityId: bob.id, name: "p", userId: bob.id });
    await setEntityQuota(w.db, { entityId: bob.id, quotaBytes: 1000 });
    const [id] = await insertStorageObjects(w.db, {
      now: new Date(),
      objects: [{ entityId: bob.id, projectId: project.id, kind: "media", path: "big", size: 900, digest: "big" }],
    });
    await enqueueStorageRecalculation(w.queues, bob.id);
    await expect.poll(async () => (await usage(bob.id)).level, { timeout: 10_000 }).toBe("warning");
    // What bob's delivery log shows (an e-mail, by default).
    const alerts = async () => (await listDeliveryLog(w.db, { userId: bob.id, limit: 10 })).map((item) => item.title);
    expect(await alerts()).toEqual(["Storage 90 % used: bob-storage"]);
    await deleteStorageObject(w.db, { id: id!, entityIds: new Set([bob.id]), now: new Date() });
    await enqueueStorageRecalculation(w.queues, bob.id);
    await expect.poll(async () => (await usage(bob.id)).usedBytes, { timeout: 10_000 }).toBe(0);
    expect(await alerts()).toHaveLength(1);
  });

  it("the full recalculation reports progress and corrects drift", async () => {
    const cy = await createUser(w.db, { username: "cy-storage", email: "cy@example.com", passwordHash: "x" });
    const project = await ensureProject(w.db, { entityId: cy.id, name: "p", userId: cy.id });
    await insertStorageObjects(w.db, {
      now: new Date(),
      objects: [{ entityId: cy.id, projectId: project.id, kind: "other", path: "x", size: 123, digest: "x" }],
    });
    // No per-entity job: drift until the full recalculation.
    const { jobId } = await w.queues.enqueue("recalculate-all-storage", {}, { jobId: `all-${Date.now()}` });
    const job = await w.queues.queue("storage").getJob(jobId);
    await expect.poll(async () => await job!.getState(), { timeout: 15_000 }).toBe("completed");
    const done = await w.queues.queue("storage").getJob(jobId);
    expect(done!.progress).toBe(100);
    expect((await usage(cy.id)).usedBytes).toBe(123);
  });
});
