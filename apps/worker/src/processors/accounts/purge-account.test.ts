import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileBlobStore, runFileStore } from "@homebase/blobs";
import { encryptSecret } from "@homebase/core";
import {
  claimAccountPurge,
  computeUsage,
  createRun,
  createTeam,
  createUser,
  deleteAccount,
  ensureProject,
  insertStorageObjects,
  PURGE_LEASE_MS,
  recordRunFile,
  saveGithubConnection,
  setAvatarKey,
} from "@homebase/db";
import { type FakeGithub, startFakeGithub } from "@homebase/fake-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountsQueue } from "../../queues/accounts";
import { startWorkerHarness, type WorkerHarness } from "../../testing/harness";
import { rowsMentioning } from "../../testing/rows-mentioning";

let github: FakeGithub;
let w: WorkerHarness;

beforeAll(async () => {
  github = await startFakeGithub();
  w = await startWorkerHarness({
    schedules: false,
    config: { github: { clientId: github.clientId, clientSecret: github.clientSecret, baseUrl: github.url } },
  });
});

afterAll(async () => {
  await w?.close();
  await github?.close();
});

describe("purge-account", () => {
  it("revokes the GitHub token, removes the avatar and leaves no row of the user", async () => {
    const ada = await createUser(w.db, {
      username: "purge-ada",
      email: "purge-ada@example.com",
      passwordHash: "x",
    });
    // A real token of the fake GitHub, stored as the API stores it.
    const exchange = await fetch(`${github.url}/login/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        client_id: github.clientId,
        client_secret: github.clientSecret,
        code: github.issueCode(),
      }),
    });
    const { access_token: token } = (await exchange.json()) as { access_token: string };
    await saveGithubConnection(w.db, {
      userId: ada.id,
      login: "octo-ada",
      githubId: 1,
      avatarUrl: null,
      scopes: "",
      tokenEncrypted: encryptSecret(token, w.config.encryptionKey),
      now: new Date(),
    });
    const avatar = "0123456789abcdef0123456789abcdef.webp";
    mkdirSync(join(w.dataDir, "avatars"), { recursive: true });
    writeFileSync(join(w.dataDir, "avatars", avatar), "img");
    await setAvatarKey(w.db, ada.id, avatar);
    const project = await ensureProject(w.db, { entityId: ada.id, name: "p", userId: ada.id });
    await insertStorageObjects(w.db, {
      now: new Date(),
      objects: Array.from({ length: 30 }, (_, i) => ({
        entityId: ada.id,
        projectId: project.id,
        kind: "other" as const,
        path: `f${i}`,
        size: 1,
        digest: `d${i}`,
      })),
    });
    expect((await deleteAccount(w.db, { userId: ada.id, now: new Date() })).ok).toBe(true);
    await w.queues.enqueue("purge-account", { userId: ada.id }, { jobId: `purge-${ada.id}` });
    await expect.poll(() => rowsMentioning(w.db, ada.id), { timeout: 10_000 }).toBe(0);
    expect(github.revoked).toContain(token);
    expect(existsSync(join(w.dataDir, "avatars", avatar))).toBe(false);
  });

  it("removes the run files of the user's runs, also from a team's storage", async () => {
    const cy = await createUser(w.db, { username: "purge-cy", email: "purge-cy@example.com", passwordHash: "x" });
    const team = await createTeam(w.db, { name: "purge-lab", creatorId: cy.id });
    const project = await ensureProject(w.db, { entityId: team.id, name: "p", userId: cy.id });
    const run = await createRun(w.db, {
      entityId: team.id,
      projectId: project.id,
      createdById: cy.id,
      serviceAccountId: null,
      now: new Date(),
    });
    const store = runFileStore(fileBlobStore(w.dataDir));
    const stored = await store.put(run.id, "model.bin", new Blob(["weights"]).stream(), 1000);
    await recordRunFile(w.db, { runId: run.id, path: "model.bin", ...stored, now: new Date() });
    // The file counts in the team's storage until the purge.
    const teamBytes = async () => (await computeUsage(w.db, team.id)).usedBytes;
    expect(await teamBytes()).toBe(stored.size);
    expect((await deleteAccount(w.db, { userId: cy.id, now: new Date() })).ok).toBe(true);
    await w.queues.enqueue("purge-account", { userId: cy.id }, { jobId: `purge-${cy.id}` });
    await expect.poll(() => rowsMentioning(w.db, run.id), { timeout: 10_000 }).toBe(0);
    expect(existsSync(join(w.dataDir, "run-files", run.id))).toBe(false);
    expect(await teamBytes()).toBe(0);
  });

  it("a pending purge whose job was lost is picked up by the sweeper", async () => {
    const bob = await createUser(w.db, {
      username: "purge-bob",
      email: "purge-bob@example.com",
      passwordHash: "x",
    });
    await deleteAccount(w.db, { userId: bob.id, now: new Date() });
    await w.queues.enqueue("sweep-account-purges", {});
    await expect.poll(() => rowsMentioning(w.db, bob.id), { timeout: 10_000 }).toBe(0);
  });

  it("a purge another worker holds is left to it by the sweeper and by a job", async () => {
    const dan = await createUser(w.db, { username: "purge-dan", email: "purge-dan@example.com", passwordHash: "x" });
    await deleteAccount(w.db, { userId: dan.id, now: new Date() });
    expect(await claimAccountPurge(w.db, { userId: dan.id, holder: "another-worker", now: new Date() })).toBe(true);
    const maintenance = w.queues.queue("maintenance");
    const { jobId: sweepId } = await w.queues.enqueue("sweep-account-purges", {}, { jobId: `sweep-${dan.id}` });
    await expect.poll(async () => (await maintenance.getJob(sweepId))?.returnvalue, { timeout: 10_000 }).toBeTruthy();
    expect((await maintenance.getJob(sweepId))?.returnvalue).toMatchObject({ requeued: 0 });
    const { jobId } = await w.queues.enqueue("purge-account", { userId: dan.id }, { jobId: `purge-${dan.id}` });
    const accounts = w.queues.queue("accounts");
    await expect.poll(async () => (await accounts.getJob(jobId))?.returnvalue, { timeout: 10_000 }).toBeTruthy();
    expect((await accounts.getJob(jobId))?.returnvalue).toEqual({ purged: false, skipped: "held" });
    expect(await rowsMentioning(w.db, dan.id)).toBeGreaterThan(0);
  });

  it("leases purges for at most half the accounts queue's job lock, so a killed worker's job comes back to a free purge", () => {
    expect(PURGE_LEASE_MS).toBeLessThanOrEqual(accountsQueue.lockDuration! / 2);
  });
});
