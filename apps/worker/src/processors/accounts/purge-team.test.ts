import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileBlobStore, runFileStore } from "@homebase/blobs";
import {
  addTeamMember,
  createRun,
  createServiceAccount,
  createServiceAccountKey,
  createTeam,
  createUser,
  deleteAccount,
  deleteTeam,
  ensureProject,
  findApiKeyForAuth,
  findTeamByName,
  insertStorageObjects,
  recordRunFile,
} from "@homebase/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerHarness, type WorkerHarness } from "../../testing/harness";
import { rowsMentioning } from "../../testing/rows-mentioning";

let w: WorkerHarness;

beforeAll(async () => {
  w = await startWorkerHarness({ schedules: false });
});

afterAll(async () => {
  await w?.close();
});

/** A team with a project, 3 stored objects, a run with a stored file and a service account with a key. */
async function teamWithData(name: string, creatorId: string) {
  const team = await createTeam(w.db, { name, creatorId });
  const project = await ensureProject(w.db, { entityId: team.id, name: "p", userId: creatorId });
  await insertStorageObjects(w.db, {
    now: new Date(),
    objects: Array.from({ length: 3 }, (_, i) => ({
      entityId: team.id,
      projectId: project.id,
      kind: "other" as const,
      path: `f${i}`,
      size: 1,
      digest: `d${i}`,
    })),
  });
  const sa = await createServiceAccount(w.db, { teamId: team.id, name: "ci", createdById: creatorId });
  const keyId = `k${name.replace(/-/g, "")}`.slice(0, 20);
  await createServiceAccountKey(w.db, {
    id: keyId,
    name: "k",
    secretDigest: "x",
    now: new Date(),
    serviceAccountId: sa.id,
  });
  const run = await createRun(w.db, {
    entityId: team.id,
    projectId: project.id,
    createdById: null,
    serviceAccountId: sa.id,
    now: new Date(),
  });
  const stored = await runFileStore(fileBlobStore(w.dataDir)).put(
    run.id,
    "model.bin",
    new Blob(["weights"]).stream(),
    1000,
  );
  await recordRunFile(w.db, { runId: run.id, path: "model.bin", ...stored, now: new Date() });
  return { team, project, sa, keyId, run };
}

describe("purge of teams", () => {
  it("deletes the account's one-person teams with it; teams with other members stay", async () => {
    const ada = await createUser(w.db, { username: "solo-ada", email: "solo-ada@example.com", passwordHash: "x" });
    await createUser(w.db, { username: "solo-bob", email: "solo-bob@example.com", passwordHash: "x" });
    const alone = await teamWithData("solo-lab", ada.id);
    const shared = await createTeam(w.db, { name: "shared-lab", creatorId: ada.id });
    await addTeamMember(w.db, { teamId: shared.id, username: "solo-bob", role: "admin" });

    expect((await deleteAccount(w.db, { userId: ada.id, now: new Date() })).ok).toBe(true);
    // At once: the name is free and the service account's key no longer authenticates.
    expect(await findTeamByName(w.db, "solo-lab")).toBeUndefined();
    expect(await findApiKeyForAuth(w.db, alone.keyId)).toBeUndefined();

    await w.queues.enqueue("purge-account", { userId: ada.id }, { jobId: `purge-${ada.id}` });
    await expect.poll(() => rowsMentioning(w.db, ada.id), { timeout: 10_000 }).toBe(0);
    for (const id of [alone.team.id, alone.project.id, alone.sa.id, alone.run.id]) {
      expect(await rowsMentioning(w.db, id)).toBe(0);
    }
    expect(existsSync(join(w.dataDir, "run-files", alone.run.id))).toBe(false);
    expect(await findTeamByName(w.db, "shared-lab")).toMatchObject({ id: shared.id });
    // The name can be taken again.
    const bob = await createUser(w.db, { username: "solo-cyd", email: "solo-cyd@example.com", passwordHash: "x" });
    expect((await createTeam(w.db, { name: "solo-lab", creatorId: bob.id })).name).toBe("solo-lab");
  });

  it("purges a team an organisation admin deleted, through the sweeper", async () => {
    const eve = await createUser(w.db, { username: "gone-eve", email: "gone-eve@example.com", passwordHash: "x" });
    const data = await teamWithData("gone-lab", eve.id);
    expect(await deleteTeam(w.db, { teamId: data.team.id, now: new Date() })).toBe(true);
    expect(await deleteTeam(w.db, { teamId: data.team.id, now: new Date() })).toBe(false);
    expect(await findApiKeyForAuth(w.db, data.keyId)).toBeUndefined();
    await w.queues.enqueue("sweep-account-purges", {});
    await expect.poll(() => rowsMentioning(w.db, data.team.id), { timeout: 10_000 }).toBe(0);
    for (const id of [data.project.id, data.sa.id, data.run.id]) expect(await rowsMentioning(w.db, id)).toBe(0);
    expect(existsSync(join(w.dataDir, "run-files", data.run.id))).toBe(false);
    // The member's account is untouched.
    expect(await rowsMentioning(w.db, eve.id)).toBeGreaterThan(0);
  });
});
