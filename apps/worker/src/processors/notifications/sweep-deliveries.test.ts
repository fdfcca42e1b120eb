import { createScriptableAlert, tables } from "@homebase/db";
import { deliveryJobOptions, enqueueDeliveries } from "@homebase/jobs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useWorkerHarness } from "../../testing/harness";

/**
 * The sweeper makes Redis a mere transport: whatever Redis loses, a pending delivery is sent.
 * Scaled down for the test: overdue after 1 s (30 s in production), swept every 500 ms (10 s).
 */

const OVERDUE_MS = 1000;
/**
 * How long to wait for what the worker does: it takes milliseconds on an idle machine, and a
 * loaded one must only make these tests slower, never fail them.
 */
const WAIT = { timeout: 15_000, interval: 50 };

const w = useWorkerHarness({
  slack: true,
  // A failed delivery's retry is far away (60 s): only the sweeper brings back one Redis lost.
  config: {
    sweepIntervalMs: 500,
    sweepOverdueMs: OVERDUE_MS,
    scheduleCheckIntervalMs: 300,
    deliveryRetryBaseMs: 60_000,
  },
});

/** A pending Slack delivery, recorded but not enqueued (as when Redis was down at that moment). */
async function pendingDelivery(path: string) {
  const user = await w.data.user({ slackUrl: w.slack.url(path), prefs: { scriptable: { email: false, slack: true } } });
  const run = await w.data.run(user.id);
  // The row's creation time (and due time): what "overdue" counts from.
  const now = new Date();
  const alert = await createScriptableAlert(w.db, {
    runId: run.id,
    title: "Checkpoint saved",
    text: "step 5000",
    level: "INFO",
    now,
    publicUrl: w.config.publicUrl,
  });
  return { id: alert!.deliveryIds[0]!, createdAt: now.getTime() };
}

async function sent(id: string) {
  await expect.poll(async () => (await w.data.delivery(id))?.status, WAIT).toBe("sent");
  return (await w.data.delivery(id))!;
}

/** Waits until a sweep that started after `since` (ms since the epoch) has finished. */
async function sweptSince(since: number) {
  await expect
    .poll(async () => {
      const done = await w.queues.queue("maintenance").getJobs(["completed"], 0, 49);
      return done.some((job) => job.name === "sweep-deliveries" && (job.processedOn ?? 0) > since);
    }, WAIT)
    .toBe(true);
}

/** Waits until the sweeper has been round once more and no notification job is left to run. */
async function nothingLeftToSend() {
  await sweptSince(Date.now());
  await expect
    .poll(async () => {
      const counts = await w.queues.queue("notifications").getJobCounts("waiting", "active", "delayed", "prioritized");
      return Object.values(counts).reduce((sum, n) => sum + n, 0);
    }, WAIT)
    .toBe(0);
}

describe("sweep-deliveries", () => {
  it("is scheduled every sweepIntervalMs", async () => {
    const schedulers = await w.queues.queue("maintenance").getJobSchedulers();
    expect(schedulers.find((s) => s.key === "sweep-deliveries")).toMatchObject({ every: 500 });
  });

  it("sends a delivery that was never enqueued, once it is overdue, exactly once", async () => {
    const { id, createdAt } = await pendingDelivery("/never-enqueued");
    const row = await sent(id);
    expect(row.attempts).toBe(1);
    const posts = w.slack.on("/never-enqueued");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.at - createdAt).toBeGreaterThanOrEqual(OVERDUE_MS);
  });

  it("after the prefix's keys are all deleted, puts the schedulers back and still delivers everything", async () => {
    // One delivery mid-retry (its delayed job is lost), one never enqueued.
    w.slack.script("/mid-retry", [{ status: 500 }]);
    const retrying = await pendingDelivery("/mid-retry");
    await enqueueDeliveries(w.queues, [retrying.id]); // its retry is 60 s away (the worker's base)
    await expect
      .poll(async () => (await w.data.delivery(retrying.id))?.lastError, WAIT)
      .toBe("Slack answered 500: error");
    const lost = await pendingDelivery("/lost");

    // What a FLUSHALL does to this deployment: every key of its prefix gone at once.
    await w.redis.flush();
    expect(await w.queues.queue("maintenance").getJobSchedulers()).toEqual([]);

    await expect
      .poll(async () => (await w.queues.queue("maintenance").getJobSchedulers()).map((s) => s.key).sort(), WAIT)
      .toEqual(expect.arrayContaining(["crash-stale-runs", "purge-expired-sessions", "sweep-deliveries"]));
    // The row's retry was due 60 s later, so the sweeper waits for that: make it due now, as after a long outage.
    const { deliveries } = tables(w.db);
    await w.db
      .update(deliveries)
      .set({ dueAt: new Date(Date.now() - OVERDUE_MS) })
      .where(eq(deliveries.id, retrying.id));
    expect(await sent(retrying.id)).toMatchObject({ attempts: 2 });
    expect(await sent(lost.id)).toMatchObject({ attempts: 1 });
    expect(w.slack.on("/mid-retry").map((p) => p.status)).toEqual([500, 200]);
    expect(w.slack.on("/lost")).toHaveLength(1);
  });

  it("replaces a job Redis finished while the row stayed pending", async () => {
    const { id } = await pendingDelivery("/stale-job");
    // A job under the delivery's id that failed for good (here: a payload from an outdated producer).
    const bad = await w.queues
      .queue("notifications")
      .add("deliver-notification", { deliveryId: id, legacy: true }, { jobId: id, attempts: 1 });
    await expect.poll(() => bad.getState(), WAIT).toBe("failed");
    expect((await w.data.delivery(id))!.status).toBe("pending");

    expect(await sent(id)).toMatchObject({ attempts: 1 });
    expect(w.slack.on("/stale-job")).toHaveLength(1);
  });

  it("leaves alone a job that is still in Redis, so nothing is sent twice", async () => {
    const { id, createdAt } = await pendingDelivery("/still-queued");
    const enqueuedAt = Date.now();
    // Waiting in Redis for 2.5 s (as behind a long backlog): overdue for the sweeper meanwhile.
    await w.queues.enqueue("deliver-notification", { deliveryId: id }, { ...deliveryJobOptions(id), delay: 2500 });
    // A sweep has found it overdue; nothing was sent while the job waited (however late we look).
    await sweptSince(createdAt + OVERDUE_MS);
    expect(w.slack.on("/still-queued").filter((p) => p.at - enqueuedAt < 2500)).toHaveLength(0);
    await sent(id);
    const posts = w.slack.on("/still-queued");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.at - enqueuedAt).toBeGreaterThanOrEqual(2500);
    await nothingLeftToSend();
    expect(w.slack.on("/still-queued")).toHaveLength(1);
  });

  it("enqueues as the API does without duplicating a job", async () => {
    const { id } = await pendingDelivery("/twice");
    await enqueueDeliveries(w.queues, [id, id]);
    await enqueueDeliveries(w.queues, [id]);
    await sent(id);
    await nothingLeftToSend();
    expect(w.slack.on("/twice")).toHaveLength(1);
  });
});
