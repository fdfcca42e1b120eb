import { createServiceAccount, createServiceAccountKey, createUserApiKey, revokeApiKeys } from "@homebase/db";
import { describe, expect, it } from "vitest";
import { useWorkerHarness } from "../../testing/harness";

/**
 * Expiry reminders through the real worker and a real SMTP server, with the worker's clock moved
 * forward: one e-mail in the week before, one in the last day, each exactly once however often the
 * job runs, each saying the time actually left.
 */
let nowMs = Date.parse("2026-12-01T09:00:00Z");
const DAY = 24 * 3600_000;
const w = useWorkerHarness({
  smtp: true,
  schedules: false,
  clock: () => new Date(nowMs),
  config: { publicUrl: "https://homebase.example.org" },
});

const mailsTo = (email: string) => w.smtp.messages.filter((m) => m.to.includes(email)).map((m) => m.parsed.subject);

async function runJob() {
  const job = await w.queues.queue("maintenance").add("remind-expiring-api-keys", {});
  await expect.poll(async () => (await job.isCompleted()) || (await job.isFailed()), { timeout: 10_000 }).toBe(true);
  expect(await job.isCompleted()).toBe(true);
}

describe("remind-expiring-api-keys", () => {
  it("e-mails once in the week before and once in the last day, and never for keys without expiry or revoked ones", async () => {
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
      .toEqual(['Your API key "nightly" expires in 6 days']);

    nowMs += 5.5 * DAY; // half a day left
    await runJob();
    await runJob();
    await expect.poll(() => mailsTo(user.email).length, { timeout: 10_000 }).toBe(2);
    expect(mailsTo(user.email)[1]).toBe('Your API key "nightly" expires in 12 hours');
    const notice = w.smtp.messages.filter((m) => m.to.includes(user.email))[1]!.parsed;
    expect(notice.text).toContain("expires in 12 hours, at 09:00 UTC on 2026-12-11, and then stops working.");
    expect(notice.text).toContain("https://homebase.example.org/settings/api-keys");
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(user.email)).toHaveLength(2);
  });

  it("names a service account and its team to the team's admins, and speaks of a key found expired in the past", async () => {
    const admin = await w.data.user({ username: "acmeadmin" });
    const owner = await w.data.user({ username: "lateowner" });
    const team = await w.data.team(admin.id, "acme");
    const account = await createServiceAccount(w.db, { teamId: team.id, name: "ci-bot", createdById: admin.id });
    await createServiceAccountKey(w.db, {
      id: "DDDDDDDDDDDD",
      name: "sa-3days",
      secretDigest: "s",
      serviceAccountId: account.id,
      now: new Date(nowMs),
      expiresAt: new Date(nowMs + 3 * DAY + 3600_000),
    });
    await createUserApiKey(w.db, {
      id: "EEEEEEEEEEEE",
      name: "short",
      secretDigest: "e",
      now: new Date(nowMs),
      userId: owner.id,
      expiresAt: new Date(nowMs + 1800_000),
    });

    nowMs += 3600_000; // no run while "short" expired; "sa-3days" has 3 days left
    await runJob();
    await runJob();
    await expect
      .poll(() => [...mailsTo(admin.email), ...mailsTo(owner.email)], { timeout: 10_000 })
      .toEqual([
        'The API key "sa-3days" of service account "ci-bot" (team acme) expires in 3 days',
        'Your API key "short" expired',
      ]);

    const reminder = w.smtp.messages.find((m) => m.to.includes(admin.email))!.parsed;
    expect(reminder.text).toContain(
      'of the service account "ci-bot" in the team "acme", which you administer, expires in 3 days',
    );
    expect(reminder.text).toContain("Rotate it on the team's page (Teams → acme → Service accounts)");
    expect(reminder.text).toContain("https://homebase.example.org/teams/acme?tab=service-accounts");
    expect(reminder.text).not.toContain("/settings/");

    const expired = w.smtp.messages.find((m) => m.to.includes(owner.email))!.parsed;
    expect(expired.text).toMatch(/expired at \d\d:\d\d UTC on \d{4}-\d\d-\d\d; it no longer works\./);
    expect(expired.text).toContain("Rotate it in Settings → API keys to get a replacement");
    expect(expired.text).not.toMatch(/expires|stops working/);

    nowMs += 3600_000;
    await runJob();
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(owner.email)).toHaveLength(1);
    expect(mailsTo(admin.email)).toHaveLength(1);
  });
});
