import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  claimDelivery,
  createScriptableAlert,
  createSlackTestNotification,
  deleteAccount,
  deleteSlackWebhook,
  finishRun,
  recordDeliveryAttemptFailed,
} from "@homebase/db";
import { DELIVERY_ATTEMPTS, enqueueDeliveries } from "@homebase/jobs";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { startWorkerHarness, useWorkerHarness } from "../../testing/harness";
import { startSlackReceiver } from "../../testing/slack-receiver";

const BASE_MS = 200;

const w = useWorkerHarness({ smtp: true, slack: true, config: { deliveryRetryBaseMs: BASE_MS } });

const enqueue = (ids: string[]) => enqueueDeliveries(w.queues, ids);

/** Waits until the delivery is no longer pending and returns its row. */
async function settled(id: string, timeout = 15_000) {
  await expect.poll(async () => (await w.data.delivery(id))?.status, { timeout, interval: 50 }).not.toBe("pending");
  return (await w.data.delivery(id))!;
}

/** A user whose scriptable alerts go to Slack only, at a receiver path of its own, and one scriptable alert. */
async function slackAlert(path: string, level: "INFO" | "WARN" | "ERROR" = "WARN") {
  const user = await w.data.user({ slackUrl: w.slack.url(path), prefs: { scriptable: { email: false, slack: true } } });
  const run = await w.data.run(user.id);
  const alert = await createScriptableAlert(w.db, {
    runId: run.id,
    title: "Loss diverged",
    text: "loss = NaN at step 1200",
    level,
    now: new Date(),
    publicUrl: w.config.publicUrl,
  });
  expect(alert!.deliveryIds).toHaveLength(1);
  return { user, run, deliveryId: alert!.deliveryIds[0]! };
}

describe("Slack deliveries", () => {
  it("retries 500, 500 and records the delivery sent with 3 attempts on the 200", async () => {
    w.slack.script("/flaky", [{ status: 500 }, { status: 500 }]);
    const { deliveryId } = await slackAlert("/flaky");
    await enqueue([deliveryId]);

    const row = await settled(deliveryId);
    expect(row).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    const tries = w.slack.on("/flaky");
    expect(tries.map((t) => t.status)).toEqual([500, 500, 200]);
    expect(new Set(tries.map((t) => t.deliveryId))).toEqual(new Set([deliveryId]));
    // Exponential backoff from the worker's base: 200 ms, then 400 ms.
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(BASE_MS - 20);
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(2 * BASE_MS - 20);
    // The message: level as emoji in the header, the text, a link to the run, the delivery id.
    const { blocks } = tries[2]!.body;
    expect(blocks?.map((b) => b.type)).toEqual(["header", "section", "actions", "context"]);
    expect(JSON.stringify(blocks)).toContain("⚠️ Loss diverged");
  });

  it("waits for a 429's Retry-After before the next try", async () => {
    w.slack.script("/limited", [{ status: 429, headers: { "Retry-After": "2" }, body: "rate_limited" }]);
    const { deliveryId } = await slackAlert("/limited");
    await enqueue([deliveryId]);

    // After the 429 the row shows the attempt, the error and when the retry is due.
    await expect
      .poll(async () => (await w.data.delivery(deliveryId))?.lastError, { timeout: 10_000, interval: 25 })
      .toMatch(/^Slack answered 429: rate_limited — Slack asked to slow down/);
    const waiting = (await w.data.delivery(deliveryId))!;
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    const first = w.slack.on("/limited")[0]!;
    expect(waiting.dueAt.getTime() - first.at).toBeGreaterThanOrEqual(1900);

    const row = await settled(deliveryId);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    const [a, b] = w.slack.on("/limited");
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(2000);
  });

  it("fails at once on 404 no_service (and 400, 403, 410), recording Slack's answer", async () => {
    for (const [status, body] of [
      [404, "no_service"],
      [410, "no_service"],
      [403, "action_prohibited"],
      [400, "invalid_payload"],
    ] as const) {
      const path = `/gone-${status}`;
      w.slack.script(path, [{ status, body }]);
      const { deliveryId } = await slackAlert(path);
      await enqueue([deliveryId]);
      const row = await settled(deliveryId);
      expect(row).toMatchObject({
        status: "failed",
        attempts: 1,
        lastError: expect.stringMatching(new RegExp(`^Slack answered ${status}: ${body}`)),
      });
      expect(w.slack.on(path)).toHaveLength(1);
      const job = await w.queues.queue("notifications").getJob(deliveryId);
      expect(await job!.getState()).toBe("failed");
      expect(job!.attemptsMade).toBe(1);
    }
  });

  it("gives up after 6 attempts when Slack stays down, and never stores the webhook URL", async () => {
    const down = await startSlackReceiver();
    const url = down.url("/services/T1/B1/very-secret-token");
    await down.close();
    const user = await w.data.user({ slackUrl: url, prefs: { scriptable: { email: false, slack: true } } });
    const run = await w.data.run(user.id);
    const alert = await createScriptableAlert(w.db, {
      runId: run.id,
      title: "t",
      text: "x",
      level: "INFO",
      now: new Date(),
      publicUrl: w.config.publicUrl,
    });
    const id = alert!.deliveryIds[0]!;
    await enqueue([id]);
    // 200 + 400 + 800 + 1600 + 3200 ms of backoff.
    const row = await settled(id, 20_000);
    expect(row).toMatchObject({ status: "failed", attempts: DELIVERY_ATTEMPTS });
    expect(row.lastError).toMatch(/^Slack could not be reached/);
    expect(row.lastError).not.toContain("very-secret-token");
  }, 30_000);

  it("ends as failed, not pending, when Slack still answers 500 on the last attempt", async () => {
    w.slack.script(
      "/always-500",
      Array.from({ length: DELIVERY_ATTEMPTS + 2 }, () => ({ status: 500, body: "internal_error" })),
    );
    const { deliveryId } = await slackAlert("/always-500");
    await enqueue([deliveryId]);
    // While retrying, the row is pending with the last error; 200 + 400 + 800 + 1600 + 3200 ms of backoff.
    await expect
      .poll(async () => (await w.data.delivery(deliveryId))?.lastError, { timeout: 10_000, interval: 25 })
      .toMatch(/^Slack answered 500/);
    expect((await w.data.delivery(deliveryId))!.status).toBe("pending");
    const row = await settled(deliveryId, 20_000);
    expect(row).toMatchObject({
      status: "failed",
      attempts: DELIVERY_ATTEMPTS,
      lastError: "Slack answered 500: internal_error",
    });
    expect(w.slack.on("/always-500").map((t) => t.status)).toEqual(Array(DELIVERY_ATTEMPTS).fill(500));
    const job = await w.queues.queue("notifications").getJob(deliveryId);
    expect(await job!.getState()).toBe("failed");
    // Nothing more is tried, and the row stays failed.
    await new Promise((r) => setTimeout(r, 1000));
    expect(w.slack.on("/always-500")).toHaveLength(DELIVERY_ATTEMPTS);
    expect((await w.data.delivery(deliveryId))!.status).toBe("failed");
  }, 30_000);

  it("fails the delivery on its last attempt even when its job is new (re-enqueued) and could retry", async () => {
    w.slack.script("/last-try", [{ status: 503, body: "" }]);
    const { deliveryId } = await slackAlert("/last-try");
    // Five attempts already failed (e.g. before Redis lost the job); the sweeper enqueues a fresh one.
    await recordDeliveryAttemptFailed(w.db, {
      id: deliveryId,
      attempts: DELIVERY_ATTEMPTS - 1,
      error: "Slack answered 503",
      final: false,
      nextDueAt: new Date(Date.now() - 1),
    });
    await enqueue([deliveryId]);
    const row = await settled(deliveryId);
    expect(row).toMatchObject({ status: "failed", attempts: DELIVERY_ATTEMPTS, lastError: "Slack answered 503" });
    expect(w.slack.on("/last-try")).toHaveLength(1);
    const job = await w.queues.queue("notifications").getJob(deliveryId);
    expect(await job!.getState()).toBe("failed");
    expect(job!.attemptsMade).toBe(1);
  });

  it("sends the Send test message", async () => {
    const user = await w.data.user({ slackUrl: w.slack.url("/test-message") });
    const { deliveryIds } = await createSlackTestNotification(w.db, {
      userId: user.id,
      now: new Date(),
      url: `${w.config.publicUrl}/settings/alerts`,
    });
    await enqueue(deliveryIds);
    expect(await settled(deliveryIds[0]!)).toMatchObject({ status: "sent", attempts: 1 });
    expect(JSON.stringify(w.slack.on("/test-message")[0]!.body.blocks)).toContain("Open Homebase");
  });

  it("fails a Slack delivery for good once Slack was disconnected", async () => {
    const { user, deliveryId } = await slackAlert("/disconnected");
    await deleteSlackWebhook(w.db, user.id);
    await enqueue([deliveryId]);
    expect(await settled(deliveryId)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "Slack is no longer connected.",
    });
    expect(w.slack.on("/disconnected")).toHaveLength(0);
  });
});

describe("e-mail deliveries", () => {
  it("fails at once when the SMTP server rejects the recipient with 550", async () => {
    const user = await w.data.user();
    w.smtp.reject(user.email, { code: 550, message: "5.1.1 Mailbox unavailable" });
    const run = await w.data.run(user.id);
    const { deliveryIds } = (await finishRun(w.db, {
      id: run.id,
      exitCode: 1,
      now: new Date(),
      publicUrl: w.config.publicUrl,
    })) as { deliveryIds: string[] };
    await enqueue(deliveryIds);
    const row = await settled(deliveryIds[0]!);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.lastError).toMatch(/550 5\.1\.1 Mailbox unavailable/);
    expect(w.smtp.attempts(user.email)).toBe(1);
  });

  it("retries a 4xx answer and sends on the next attempt", async () => {
    const user = await w.data.user();
    w.smtp.reject(user.email, { code: 451, message: "4.7.1 Greylisted, try again" }, 1);
    const run = await w.data.run(user.id);
    const { deliveryIds } = (await finishRun(w.db, {
      id: run.id,
      exitCode: 0,
      now: new Date(),
      publicUrl: w.config.publicUrl,
    })) as { deliveryIds: string[] };
    await enqueue(deliveryIds);
    expect(await settled(deliveryIds[0]!)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(w.smtp.messages.filter((m) => m.to.includes(user.email))).toHaveLength(1);
  });
});

describe("idempotence", () => {
  it("never sends a delivery marked sent again, whatever Redis holds", async () => {
    const { deliveryId } = await slackAlert("/once");
    await enqueue([deliveryId]);
    expect(await settled(deliveryId)).toMatchObject({ status: "sent", attempts: 1 });
    // A second job for the same delivery (a lost completion, a sweeper race): nothing is sent.
    await w.queues.queue("notifications").remove(deliveryId);
    await enqueue([deliveryId]);
    const job = await w.queues.queue("notifications").getJob(deliveryId);
    await expect.poll(() => job!.getState(), { timeout: 10_000 }).toBe("completed");
    expect((await w.queues.queue("notifications").getJob(deliveryId))!.returnvalue).toEqual({ skipped: "sent" });
    expect(w.slack.on("/once")).toHaveLength(1);
    expect((await w.data.delivery(deliveryId))!.attempts).toBe(1);
  });

  it("leaves a delivery leased by another attempt alone until the lease ends", async () => {
    const { deliveryId } = await slackAlert("/leased");
    // Another attempt holds the row (a worker that died mid-send) for 1.5 s.
    const claimedAt = Date.now();
    expect(await claimDelivery(w.db, { id: deliveryId, now: new Date(), leaseMs: 1500 })).toEqual({
      attempts: 1,
    });
    await enqueue([deliveryId]);
    await new Promise((r) => setTimeout(r, 800));
    expect(w.slack.on("/leased")).toHaveLength(0);
    const row = await settled(deliveryId);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(w.slack.on("/leased")).toHaveLength(1);
    expect(w.slack.on("/leased")[0]!.at - claimedAt).toBeGreaterThanOrEqual(1500);
  });

  it("ends a delivery to a deleted account in a recorded failure, without sending", async () => {
    const { user, deliveryId } = await slackAlert("/deleted");
    expect(await deleteAccount(w.db, { userId: user.id, now: new Date() })).toEqual({ ok: true });
    await enqueue([deliveryId]);
    expect(await settled(deliveryId)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "The recipient's account was deleted.",
    });
    expect(w.slack.on("/deleted")).toHaveLength(0);
  });

  it("completes a job whose delivery no longer exists", async () => {
    const { jobId } = await w.queues.enqueue("deliver-notification", { deliveryId: "no-such-delivery" });
    const job = await w.queues.queue("notifications").getJob(jobId);
    await expect.poll(() => job!.getState(), { timeout: 10_000 }).toBe("completed");
    expect((await w.queues.queue("notifications").getJob(jobId))!.returnvalue).toEqual({ skipped: "missing" });
  });
});

describe("e-mail without SMTP_URL", () => {
  it("writes the alert as a .eml file to DATA_DIR/outbox", async () => {
    const noSmtp = await startWorkerHarness({ schedules: false, config: { deliveryRetryBaseMs: BASE_MS } });
    try {
      const { data } = noSmtp;
      const user = await data.user({ username: "grace" });
      const run = await data.run(user.id, { project: "cifar", name: "calm-lake-3" });
      const { deliveryIds } = (await finishRun(noSmtp.db, {
        id: run.id,
        exitCode: 137,
        now: new Date(),
        publicUrl: noSmtp.config.publicUrl,
      })) as { deliveryIds: string[] };
      await enqueueDeliveries(noSmtp.queues, deliveryIds);
      const id = deliveryIds[0]!;
      await expect.poll(async () => (await data.delivery(id))?.status, { timeout: 10_000 }).toBe("sent");

      const outbox = join(noSmtp.dataDir, "outbox");
      expect(existsSync(outbox)).toBe(true);
      expect(readdirSync(outbox)).toEqual([`${id}.eml`]);
      const mail = await simpleParser(readFileSync(join(outbox, `${id}.eml`)));
      expect(mail.subject).toBe("Run crashed: grace/cifar/calm-lake-3");
      expect(mail.messageId).toBe(`<${id}@homebase>`);
      expect(mail.text).toContain("it exited with code 137");
      expect(mail.html).toContain("http://homebase.test/runs/grace/cifar/");
    } finally {
      await noSmtp.close();
    }
  });
});
