import { randomBytes } from "node:crypto";
import { createSession, createUser, type Db, tables } from "@homebase/db";
import { describe, expect, it } from "vitest";
import { useWorkerHarness } from "../../testing/harness";

const NOW = new Date("2030-06-01T12:00:00.000Z");
const HOUR = 3600_000;

const w = useWorkerHarness({ clock: () => NOW, events: "maintenance" });

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

/** Every session row's token hash, expired or not. */
async function sessionHashes(db: Db) {
  const { sessions } = tables(db);
  const rows = await db.select({ tokenHash: sessions.tokenHash }).from(sessions);
  return rows.map((s) => s.tokenHash).sort();
}

describe("purge-expired-sessions", () => {
  it("removes only sessions whose expiry has passed", async () => {
    const { db } = w;
    const alice = await userWithSessions(db, [-HOUR, 2 * HOUR]); // one expired, one live
    const bob = await userWithSessions(db, [-30 * 24 * HOUR, -1]); // both expired
    const carol = await userWithSessions(db, [1, 29 * 24 * HOUR]); // both live, one by a millisecond
    expect(await sessionHashes(db)).toHaveLength(6);

    const { jobId } = await w.queues.enqueue("purge-expired-sessions", {});
    const job = await w.queues.queue("maintenance").getJob(jobId);
    const result = await job!.waitUntilFinished(w.events, 15_000);

    expect(result).toEqual({ purged: 3, idempotencyKeys: 0 });
    const left = await sessionHashes(db);
    expect(left).toEqual([alice.tokens[1], ...carol.tokens].sort());
    expect(bob.tokens.some((t) => left.includes(t))).toBe(false);
  });

  it("is idempotent: a second run deletes nothing more", async () => {
    const before = await sessionHashes(w.db);
    const { jobId } = await w.queues.enqueue("purge-expired-sessions", {});
    const result = await (await w.queues.queue("maintenance").getJob(jobId))!.waitUntilFinished(w.events, 15_000);
    expect(result).toEqual({ purged: 0, idempotencyKeys: 0 });
    expect(await sessionHashes(w.db)).toEqual(before);
  });

  it("fails a job with a bad payload at once, without retrying and without touching sessions", async () => {
    const { db } = w;
    await userWithSessions(db, [-HOUR]);
    const before = await sessionHashes(db);
    // An outdated producer bypassing the typed `enqueue`: the worker must reject the payload itself.
    const job = await w.queues
      .queue("maintenance")
      .add(
        "purge-expired-sessions",
        { olderThan: "yesterday" },
        { attempts: 5, backoff: { type: "fixed", delay: 50 } },
      );

    await expect(job.waitUntilFinished(w.events, 15_000)).rejects.toThrow(
      /Invalid payload for "purge-expired-sessions"/,
    );
    const failed = await w.queues.queue("maintenance").getJob(job.id!);
    expect(await failed!.getState()).toBe("failed");
    expect(failed!.attemptsMade).toBe(1);
    expect(await sessionHashes(db)).toEqual(before);
  });

  it("is registered to run every hour", async () => {
    const schedulers = await w.queues.queue("maintenance").getJobSchedulers();
    const purge = schedulers.find((s) => s.key === "purge-expired-sessions");
    expect(purge).toMatchObject({ name: "purge-expired-sessions", pattern: "7 * * * *" });
    expect(purge!.next! - Date.now()).toBeLessThanOrEqual(HOUR);
  });
});
