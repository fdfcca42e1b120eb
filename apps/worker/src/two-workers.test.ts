import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileBlobStore, runFileStore } from "@homebase/blobs";
import { encryptSecret } from "@homebase/core";
import {
  addTeamMember,
  computeUsage,
  createRun,
  createTeam,
  createUser,
  deleteAccount,
  ensureProject,
  finishRun,
  getAccountPurge,
  insertStorageObjects,
  pgPoolOf,
  recordRunFile,
  saveGithubConnection,
  setAvatarKey,
} from "@homebase/db";
import { type FakeGithub, startFakeGithub } from "@homebase/fake-github";
import { deliveryJobOptions } from "@homebase/jobs";
import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerHarness, type WorkerHarnessOf } from "./testing/harness";
import { rowsMentioning } from "./testing/rows-mentioning";

/**
 * Two workers on one database and one Redis prefix, each runtime with its own database
 * connection, as two worker processes are. Every job is enqueued more than once under different
 * ids (what a stalled job handed to the other worker, or a sweeper's re-enqueue after Redis lost
 * track, amounts to), so both workers take the same delivery or purge at the same time. On
 * PostgreSQL their transactions really run side by side: a delivery or a purge is claimed with
 * FOR UPDATE SKIP LOCKED (the purge then leased to one job, the other skipping it); on SQLite the
 * file's write lock decides.
 */

const WAIT = { timeout: 30_000, interval: 100 };

let github: FakeGithub;
let w: WorkerHarnessOf<{ workers: 2; slack: true; schedules: false }>;
/** Jobs each runtime completed, by queue. */
const completed: Array<Array<{ queue: string; job: Job }>> = [[], []];

beforeAll(async () => {
  github = await startFakeGithub();
  w = await startWorkerHarness({
    workers: 2,
    slack: true,
    schedules: false,
    config: { github: { clientId: github.clientId, clientSecret: github.clientSecret, baseUrl: github.url } },
  });
  w.runtimes.forEach((runtime, i) => {
    for (const [queue, worker] of runtime.workers) worker.on("completed", (job) => completed[i]!.push({ queue, job }));
  });
});

afterAll(async () => {
  await w?.close();
  await github?.close();
});

/** Jobs of `name` the runtime `i` completed. */
const completedBy = (i: number, name: string) => completed[i]!.filter((c) => c.job.name === name);

describe("two workers on one database", () => {
  it("send each delivery once, however many jobs Redis holds for it", async () => {
    const N = 40;
    const user = await w.data.user({
      username: "twin-ada",
      slackUrl: w.slack.url("/hooks/twins"),
      prefs: { runFinished: { email: false, slack: true } },
    });
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const run = await w.data.run(user.id, { project: "twins", name: `run-${i}` });
      const result = await finishRun(w.db, { id: run.id, exitCode: 0, now: new Date(), publicUrl: "" });
      if (result.ended) ids.push(...result.deliveryIds);
    }
    expect(ids).toHaveLength(N);
    // Three jobs per delivery, enqueued together so that both workers pick up twins at once.
    await Promise.all(
      ids.flatMap((id) =>
        [id, `${id}-twin-1`, `${id}-twin-2`].map((jobId) =>
          w.queues.enqueue("deliver-notification", { deliveryId: id }, { ...deliveryJobOptions(id), jobId }),
        ),
      ),
    );

    for (const id of ids) await expect.poll(async () => (await w.data.delivery(id))?.status, WAIT).toBe("sent");
    // Give a twin that would send again the time to show up.
    await new Promise((r) => setTimeout(r, 1000));

    const received = w.slack.on("/hooks/twins");
    expect(received).toHaveLength(N);
    expect(received.map((m) => m.deliveryId).sort()).toEqual([...ids].sort());
    for (const id of ids) expect((await w.data.delivery(id))?.attempts).toBe(1);
    // Both workers did part of the sending.
    for (const i of [0, 1]) {
      expect(completedBy(i, "deliver-notification").some((c) => c.job.returnvalue?.sent === true)).toBe(true);
    }
  });

  it("purge each deleted account once: nothing of it left, no job failed, its GitHub token revoked", async () => {
    const N = 6;
    const accounts: Array<{ userId: string; teamId: string; runIds: string[]; token: string; avatar: string }> = [];
    const cyd = await createUser(w.db, { username: "twin-cyd", email: "twin-cyd@example.com", passwordHash: "x" });
    const shared = await createTeam(w.db, { name: "twin-shared", creatorId: cyd.id });
    const sharedProject = await ensureProject(w.db, { entityId: shared.id, name: "p", userId: cyd.id });
    const store = runFileStore(fileBlobStore(w.dataDir));
    for (let i = 0; i < N; i++) {
      const username = `twin-purge-${i}`;
      const user = await createUser(w.db, { username, email: `${username}@example.com`, passwordHash: "x" });
      // A member of the shared team, with a run and its file there: the team keeps the rest.
      await addTeamMember(w.db, { teamId: shared.id, username, role: "member" });
      const team = await createTeam(w.db, { name: `twin-solo-${i}`, creatorId: user.id });
      const runIds: string[] = [];
      for (const [entityId, projectId] of [
        [user.id, (await ensureProject(w.db, { entityId: user.id, name: "p", userId: user.id })).id],
        [team.id, (await ensureProject(w.db, { entityId: team.id, name: "p", userId: user.id })).id],
        [shared.id, sharedProject.id],
      ] as const) {
        // Objects of the user's own and solo team's storage (those of a shared team stay the team's).
        if (entityId !== shared.id) {
          await insertStorageObjects(w.db, {
            now: new Date(),
            objects: Array.from({ length: 20 }, (_, j) => ({
              entityId,
              projectId,
              kind: "other" as const,
              path: `${username}/f${j}`,
              size: 1,
              digest: `${username}-${j}`,
            })),
          });
        }
        const run = await createRun(w.db, {
          entityId,
          projectId,
          createdById: user.id,
          serviceAccountId: null,
          now: new Date(),
        });
        const stored = await store.put(run.id, "model.bin", new Blob([`weights of ${username}`]).stream(), 1000);
        await recordRunFile(w.db, { runId: run.id, path: "model.bin", ...stored, now: new Date() });
        runIds.push(run.id);
      }
      const token = await githubToken();
      await saveGithubConnection(w.db, {
        userId: user.id,
        login: `octo-${i}`,
        githubId: 100 + i,
        avatarUrl: null,
        scopes: "",
        tokenEncrypted: encryptSecret(token, w.config.encryptionKey),
        now: new Date(),
      });
      const avatar = `${String(i).padStart(32, "a")}.webp`;
      mkdirSync(join(w.dataDir, "avatars"), { recursive: true });
      writeFileSync(join(w.dataDir, "avatars", avatar), "img");
      await setAvatarKey(w.db, user.id, avatar);
      accounts.push({ userId: user.id, teamId: team.id, runIds, token, avatar });
    }
    // cyd's own object in the shared team stays.
    await insertStorageObjects(w.db, {
      now: new Date(),
      objects: [
        { entityId: shared.id, projectId: sharedProject.id, kind: "other", path: "cyd", size: 5, digest: "cyd" },
      ],
    });

    for (const a of accounts) expect((await deleteAccount(w.db, { userId: a.userId, now: new Date() })).ok).toBe(true);
    // Each purge twice, and the sweeper's run (the solo teams go with their accounts' purges).
    await Promise.all(
      accounts.flatMap((a) =>
        [`purge-${a.userId}`, `purge-${a.userId}-twin`].map((jobId) =>
          w.queues.enqueue("purge-account", { userId: a.userId }, { jobId, attempts: 5 }),
        ),
      ),
    );
    await w.queues.enqueue("sweep-account-purges", {});

    for (const a of accounts) {
      await expect.poll(() => rowsMentioning(w.db, a.userId), WAIT).toBe(0);
      await expect.poll(() => rowsMentioning(w.db, a.teamId), WAIT).toBe(0);
      for (const runId of a.runIds) expect(existsSync(join(w.dataDir, "run-files", runId))).toBe(false);
      expect(existsSync(join(w.dataDir, "avatars", a.avatar))).toBe(false);
    }
    // Every job ran through, the first time: no deadlock, no lock timeout, no constraint error.
    const accountsQueue = w.queues.queue("accounts");
    await expect
      .poll(async () => accountsQueue.getJobCounts("waiting", "active", "delayed", "failed"), WAIT)
      .toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    const jobs = await accountsQueue.getJobs(["completed"], 0, -1);
    expect(jobs.filter((j) => j.name === "purge-account")).toHaveLength(2 * N);
    expect(jobs.every((j) => j.attemptsMade === 1)).toBe(true);
    // GitHub saw each token revoked once (a second attempt finds it gone and is accepted as done).
    expect([...github.revoked].sort()).toEqual(accounts.map((a) => a.token).sort());
    // The shared team keeps cyd's object; the purged members' run files there are gone.
    expect((await computeUsage(w.db, shared.id)).usedBytes).toBe(5);
    expect(await rowsMentioning(w.db, shared.id)).toBeGreaterThan(0);
    // Both workers purged.
    for (const i of [0, 1]) expect(completedBy(i, "purge-account").length).toBeGreaterThan(0);
  });
});

describe("two workers on one purge at once", () => {
  /** A GitHub that answers every request (the token's revocation) 404 after HOLD_MS: the purge's first worker is inside it while the second one comes. */
  const HOLD_MS = 1500;
  let slowGithub: Server;
  let revocations = 0;
  let v: WorkerHarnessOf<{ workers: 2; schedules: false }>;
  const finishedBy: Array<Set<string>> = [new Set(), new Set()];

  beforeAll(async () => {
    slowGithub = createServer((req, res) => {
      if (req.method === "DELETE") revocations += 1;
      setTimeout(
        () => res.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not Found"}'),
        HOLD_MS,
      );
    });
    await new Promise<void>((resolve) => slowGithub.listen(0, "127.0.0.1", resolve));
    const { port } = slowGithub.address() as AddressInfo;
    v = await startWorkerHarness({
      workers: 2,
      schedules: false,
      config: { github: { clientId: "slow", clientSecret: "slow", baseUrl: `http://127.0.0.1:${port}` } },
    });
    v.runtimes.forEach((runtime, i) => {
      runtime.workers.get("accounts")?.on("completed", (job) => finishedBy[i]!.add(job.id ?? ""));
    });
  });

  afterAll(async () => {
    await v?.close();
    await new Promise((resolve) => slowGithub?.close(resolve));
  });

  /** A deleted account with a GitHub token still to revoke. */
  async function deletedAccount(username: string) {
    const user = await createUser(v.db, { username, email: `${username}@example.com`, passwordHash: "x" });
    await saveGithubConnection(v.db, {
      userId: user.id,
      login: username,
      githubId: 7,
      avatarUrl: null,
      scopes: "",
      tokenEncrypted: encryptSecret(`token-of-${username}`, v.config.encryptionKey),
      now: new Date(),
    });
    expect((await deleteAccount(v.db, { userId: user.id, now: new Date() })).ok).toBe(true);
    return user.id;
  }

  /** The finished job: its result and how long it ran. */
  async function finished(jobId: string) {
    const queue = v.queues.queue("accounts");
    await expect.poll(async () => (await queue.getJob(jobId))?.finishedOn, WAIT).toBeDefined();
    const job = (await queue.getJob(jobId))!;
    expect(job.failedReason).toBeUndefined();
    return { result: job.returnvalue, ms: job.finishedOn! - job.processedOn! };
  }

  it("one worker claims the purge, the other skips it at once, and the purge runs once", async () => {
    const userId = await deletedAccount("claim-once");
    const ids = [`purge-${userId}`, `purge-${userId}-twin`];
    await Promise.all(ids.map((jobId) => v.queues.enqueue("purge-account", { userId }, { jobId, attempts: 1 })));
    const [a, b] = await Promise.all(ids.map(finished));
    const results = [a!, b!].sort((x, y) => Number(y.result.purged) - Number(x.result.purged));
    expect(results.map((r) => r.result)).toEqual([
      { purged: true, steps: expect.any(Number) },
      { purged: false, skipped: "held" },
    ]);
    // The claimer was inside GitHub's slow answer all along; the other did not wait for it.
    expect(results[0]!.ms).toBeGreaterThanOrEqual(HOLD_MS);
    expect(results[1]!.ms).toBeLessThan(HOLD_MS);
    // One job on each worker; one revocation; nothing left.
    expect(ids.filter((id) => finishedBy[0]!.has(id))).toHaveLength(1);
    expect(ids.filter((id) => finishedBy[1]!.has(id))).toHaveLength(1);
    expect(revocations).toBe(1);
    expect(await rowsMentioning(v.db, userId)).toBe(0);
  });

  it("on PostgreSQL, a claim skips a purge row another transaction holds locked instead of waiting", async () => {
    if (v.dialect !== "postgres") return;
    const userId = await deletedAccount("claim-locked");
    const other = await pgPoolOf(v.db).connect();
    try {
      await other.query("begin");
      await other.query("select user_id from account_purges where user_id = $1 for update", [userId]);
      await v.queues.enqueue("purge-account", { userId }, { jobId: `locked-${userId}`, attempts: 1 });
      const skipped = await finished(`locked-${userId}`);
      expect(skipped.result).toEqual({ purged: false, skipped: "held" });
      expect(skipped.ms).toBeLessThan(1000);
    } finally {
      await other.query("rollback");
      other.release();
    }
    expect(await getAccountPurge(v.db, userId)).toMatchObject({ claimedBy: null });
    await v.queues.enqueue("purge-account", { userId }, { jobId: `purge-${userId}`, attempts: 1 });
    expect((await finished(`purge-${userId}`)).result).toMatchObject({ purged: true });
    expect(await rowsMentioning(v.db, userId)).toBe(0);
  });
});

/** A real token of the fake GitHub, as the OAuth login gets it. */
async function githubToken(): Promise<string> {
  const exchange = await fetch(`${github.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ client_id: github.clientId, client_secret: github.clientSecret, code: github.issueCode() }),
  });
  return ((await exchange.json()) as { access_token: string }).access_token;
}
