import { createUserApiKey, revokeApiKeys } from "@homebase/db";
import { describe, expect, it } from "vitest";
import { useWorkerHarness } from "../../testing/harness";

/**
 * Expiry reminders through the real worker and a real SMTP server, with the worker's clock moved
 * forward: one e-mail a week before, one on the day, each exactly once however often the job runs.
 */
let nowMs = Date.parse("2026-12-01T09:00:00Z");
const DAY = 24 * 3600_000;
const w = useWorkerHarness({ smtp: true, schedules: false, clock: () => new Date(nowMs) });

const mailsTo = (email: string) => w.smtp.messages.filter((m) => m.to.includes(email)).map((m) => m.parsed.subject);

async function runJob() {
  const job = await w.queues.queue("maintenance").add("remind-expiring-api-keys", {});
  await expect.poll(async () => (await job.isCompleted()) || (await job.isFailed()), { timeout: 10_000 }).toBe(true);
  expect(await job.isCompleted()).toBe(true);
}

describe("remind-expiring-api-keys", () => {
  it("e-mails once 7 days before and once on the day, and never for keys without expiry or revoked ones", async () => {
    const user = await w.data.user({ username: "keyholder" });
    const expiresAt = new Date(nowMs + 10 * DAY);
    await createUserApiKey(w.db, {
      id: "AAAAAAAAAAAA",
      name: "nightly",
      secretDigest: "x",
      now: new Date(nowMs),
      userId: user.id,
      expiresAt,
    });
    await createUserApiKey(w.db, {
      id: "BBBBBBBBBBBB",
      name: "forever",
      secretDigest: "y",
      now: new Date(nowMs),
      userId: user.id,
    });
    await createUserApiKey(w.db, {
      id: "CCCCCCCCCCCC",
      name: "leaked",
      secretDigest: "z",
      now: new Date(nowMs),
      userId: user.id,
      expiresAt,
    });
    await revokeApiKeys(w.db, { ids: ["CCCCCCCCCCCC"], reason: "leaked", now: new Date(nowMs) });

    await runJob();
    expect(mailsTo(user.email)).toEqual([]);

    nowMs += 4 * DAY; // 6 days left
    await runJob();
    await runJob();
    await expect
      .poll(() => mailsTo(user.email), { timeout: 10_000 })
      .toEqual(['Your API key "nightly" expires in 7 days']);

    nowMs += 5.5 * DAY; // half a day left
    await runJob();
    await runJob();
    await expect.poll(() => mailsTo(user.email).length, { timeout: 10_000 }).toBe(2);
    expect(mailsTo(user.email)[1]).toBe('Your API key "nightly" expires today');
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(user.email)).toHaveLength(2);
  });
});
