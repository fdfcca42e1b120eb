import { asc, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tables } from "../dialect";
import { openTestDatabase, type TestDatabase, testDialects } from "../testing";
import { ensureProject } from "./projects";
import {
  computeUsage,
  deleteStorageObject,
  getEntityStorage,
  insertStorageObjects,
  markStale,
  type NewStorageObject,
  recalculateStorage,
  setEntityQuota,
} from "./storage";
import { addTeamMember, createTeam } from "./teams";
import { transaction } from "./tx";
import { createUser } from "./users";

let t: TestDatabase;

const now = new Date("2026-05-01T12:00:00Z");
const opts = { now, defaultQuotaBytes: 100_000_000_000, settingsUrl: "http://localhost/settings/storage" };

const put = (entityId: string, objects: Omit<NewStorageObject, "entityId">[]) =>
  insertStorageObjects(t.db, { now, objects: objects.map((o) => ({ ...o, entityId })) });

async function setup() {
  const ada = await createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "x" });
  const p1 = await ensureProject(t.db, { entityId: ada.id, name: "p1", userId: ada.id });
  const p2 = await ensureProject(t.db, { entityId: ada.id, name: "p2", userId: ada.id });
  return { ada, p1, p2 };
}

describe.each(testDialects())("%s", (dialect) => {
  beforeEach(async () => {
    t = await openTestDatabase({ dialect });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  describe("storage counting", () => {
    it("counts a digest once per entity; deleting one copy frees nothing, both frees it", async () => {
      const { ada, p1, p2 } = await setup();
      const [a, b] = await put(ada.id, [
        { projectId: p1.id, kind: "artifact", path: "model/v1/w.bin", size: 1000, digest: "d1" },
        { projectId: p2.id, kind: "artifact", path: "model/v2/w.bin", size: 1000, digest: "d1" },
      ]);
      expect((await computeUsage(t.db, ada.id)).usedBytes).toBe(1000);
      await deleteStorageObject(t.db, { id: a!, entityIds: new Set([ada.id]), now });
      expect((await computeUsage(t.db, ada.id)).usedBytes).toBe(1000);
      await deleteStorageObject(t.db, { id: b!, entityIds: new Set([ada.id]), now });
      expect((await computeUsage(t.db, ada.id)).usedBytes).toBe(0);
    });

    it("does not share digests across entities, and refuses deletes outside the caller's entities", async () => {
      const { ada, p1 } = await setup();
      const bob = await createUser(t.db, { username: "bob", email: "bob@example.com", passwordHash: "x" });
      const bp = await ensureProject(t.db, { entityId: bob.id, name: "p", userId: bob.id });
      await put(ada.id, [{ projectId: p1.id, kind: "media", path: "a", size: 5, digest: "same" }]);
      const [bobs] = await put(bob.id, [{ projectId: bp.id, kind: "media", path: "a", size: 5, digest: "same" }]);
      expect((await computeUsage(t.db, ada.id)).usedBytes).toBe(5);
      expect((await computeUsage(t.db, bob.id)).usedBytes).toBe(5);
      expect(await deleteStorageObject(t.db, { id: bobs!, entityIds: new Set([ada.id]), now })).toBeUndefined();
    });

    it("a recalculation overlapping a write of objects counts them now or leaves the usage stale for the next one", async () => {
      const { ada, p1 } = await setup();
      const { storageObjects, storageUsage } = tables(t.db);
      await put(ada.id, [{ projectId: p1.id, kind: "artifact", path: "a", size: 100, digest: "a" }]);
      await recalculateStorage(t.db, [ada.id], opts);
      // A batch write that has marked the usage stale but not yet committed when the recalculation starts.
      let commit!: () => void;
      const held = new Promise<void>((resolve) => {
        commit = resolve;
      });
      let marked!: () => void;
      const hasMarked = new Promise<void>((resolve) => {
        marked = resolve;
      });
      const write = transaction(t.db, async (tx) => {
        await tx.insert(tables(tx).storageObjects).values({
          entityId: ada.id,
          projectId: p1.id,
          kind: "artifact",
          path: "b",
          size: 50,
          digest: "b",
          createdAt: now,
        });
        await markStale(tx, ada.id, now);
        marked();
        await held;
      });
      await hasMarked;
      const recalc = recalculateStorage(t.db, [ada.id], opts);
      await new Promise((resolve) => setTimeout(resolve, 200));
      commit();
      await Promise.all([write, recalc]);
      const [row] = await t.db.select().from(storageUsage).where(eq(storageUsage.entityId, ada.id));
      const objects = await t.db.select({ size: storageObjects.size }).from(storageObjects);
      expect(objects.reduce((sum, o) => sum + o.size, 0)).toBe(150);
      // Either the recalculation saw the committed write, or the row is still marked for the next one.
      expect(
        row!.usedBytes === 150 || row!.staleSince !== null,
        `usage ${row!.usedBytes}, stale ${row!.staleSince}`,
      ).toBe(true);
    });

    it("by-kind and by-project sums match a brute-force computation (5,000 random objects)", async () => {
      const { ada, p1, p2 } = await setup();
      const p3 = await ensureProject(t.db, { entityId: ada.id, name: "p3", userId: ada.id });
      const projects = [p1.id, p2.id, p3.id];
      const kinds = ["artifact", "run_file", "media", "other"] as const;
      const objects = fc.sample(
        fc.record({
          project: fc.integer({ min: 0, max: 2 }),
          kind: fc.integer({ min: 0, max: 3 }),
          digest: fc.integer({ min: 0, max: 3999 }),
          size: fc.integer({ min: 0, max: 2 ** 40 }),
        }),
        { numRuns: 5000, seed: 42 },
      );
      // The same digest always has the same size, as content-addressed files do.
      const sizeOf = new Map<number, number>();
      const rows = objects.map((o) => {
        if (!sizeOf.has(o.digest)) sizeOf.set(o.digest, o.size);
        return {
          projectId: projects[o.project]!,
          kind: kinds[o.kind]!,
          path: `f${o.digest}`,
          size: sizeOf.get(o.digest)!,
          digest: `sha256:${o.digest}`,
        };
      });
      await put(ada.id, rows);
      // Brute force: the first stored copy of each digest carries its bytes.
      const first = new Map<string, (typeof rows)[number]>();
      for (const r of rows) if (!first.has(r.digest)) first.set(r.digest, r);
      const expectedKind = { artifact: 0, run_file: 0, media: 0, other: 0 };
      const expectedProject = new Map<string, number>();
      let total = 0;
      for (const r of first.values()) {
        total += r.size;
        expectedKind[r.kind] += r.size;
        expectedProject.set(r.projectId, (expectedProject.get(r.projectId) ?? 0) + r.size);
      }
      const usage = await computeUsage(t.db, ada.id);
      expect(usage.usedBytes).toBe(total);
      expect(usage.byKind).toEqual(expectedKind);
      expect(new Map(usage.byProject.map((p) => [p.projectId, p.bytes]))).toEqual(expectedProject);
      expect(usage.byProject.map((p) => p.bytes)).toEqual(
        [...usage.byProject.map((p) => p.bytes)].sort((a, b) => b - a),
      );
    });
  });

  describe("batches", () => {
    it("stores a batch's objects in order and returns their ids in that order", async () => {
      const { ada, p1, p2 } = await setup();
      const rows = Array.from({ length: 250 }, (_, i) => ({
        projectId: i % 3 ? p1.id : p2.id,
        kind: (["artifact", "run_file", "media", "other"] as const)[i % 4]!,
        path: `f${i}`,
        size: 2 ** 40 + i,
        digest: `d${i % 200}`,
      }));
      const ids = await put(ada.id, rows);
      expect(ids).toHaveLength(250);
      const { storageObjects, storageUsage } = tables(t.db);
      const stored = await t.db.select().from(storageObjects).orderBy(asc(storageObjects.id));
      expect(stored.map((r) => r.id)).toEqual(ids);
      expect(
        stored.map(({ projectId, kind, path, size, digest }) => ({ projectId, kind, path, size, digest })),
      ).toEqual(rows);
      expect(stored.every((r) => r.entityId === ada.id && r.createdAt.getTime() === now.getTime())).toBe(true);
      const [usage] = await t.db.select().from(storageUsage).where(eq(storageUsage.entityId, ada.id));
      expect(usage!.staleSince).toEqual(now);
      expect(await insertStorageObjects(t.db, { now, objects: [] })).toEqual([]);
    });

    it("recalculates a batch of entities as each one alone would: sums, quotas, levels, history, alerts", async () => {
      const { ada, p1, p2 } = await setup();
      const users = [ada];
      for (const name of ["bob", "cy", "di"])
        users.push(await createUser(t.db, { username: name, email: `${name}@example.com`, passwordHash: "x" }));
      const team = await createTeam(t.db, { name: "lab", creatorId: ada.id });
      const tp = await ensureProject(t.db, { entityId: team.id, name: "tp", userId: ada.id });
      const bp = await ensureProject(t.db, { entityId: users[1]!.id, name: "bp", userId: users[1]!.id });
      // ada: duplicates across projects; bob: over his quota; cy: nothing stored; team: near its quota.
      await put(ada.id, [
        { projectId: p1.id, kind: "artifact", path: "a", size: 300, digest: "x" },
        { projectId: p2.id, kind: "media", path: "b", size: 300, digest: "x" },
        { projectId: p2.id, kind: "media", path: "c", size: 700, digest: "y" },
      ]);
      await put(users[1]!.id, [{ projectId: bp.id, kind: "other", path: "a", size: 120, digest: "x" }]);
      await put(team.id, [{ projectId: tp.id, kind: "run_file", path: "a", size: 90, digest: "z" }]);
      await setEntityQuota(t.db, { entityId: users[1]!.id, quotaBytes: 100 });
      await setEntityQuota(t.db, { entityId: team.id, quotaBytes: 100 });
      const batch = [team.id, users[2]!.id, "no-such-entity", ada.id, users[1]!.id];
      const result = await recalculateStorage(t.db, batch, opts);
      expect(result.recalculated).toBe(4);
      // bob (exceeded) and the team's one admin (ada; warning at 90 %).
      expect(result.deliveryIds).toHaveLength(2);
      const { notifications, storageHistory } = tables(t.db);
      expect(
        (await t.db.select({ title: notifications.title }).from(notifications)).map((r) => r.title).sort(),
      ).toEqual(["Storage 90 % used: lab", "Storage quota exceeded: bob"]);
      const read = (entityId: string, defaultQuotaBytes = opts.defaultQuotaBytes) =>
        getEntityStorage(t.db, { entityId, defaultQuotaBytes, historyDays: 30, now });
      expect(await read(ada.id)).toMatchObject({
        usedBytes: 1000,
        stale: false,
        level: "ok",
        byKind: { artifact: 300, run_file: 0, media: 700, other: 0 },
        byProject: [
          { project: "p2", bytes: 700 },
          { project: "p1", bytes: 300 },
        ],
        history: [{ at: now, usedBytes: 1000 }],
      });
      expect(await read(users[1]!.id)).toMatchObject({ usedBytes: 120, quotaBytes: 100, level: "exceeded" });
      expect(await read(users[2]!.id)).toMatchObject({ usedBytes: 0, level: "ok", stale: false, byProject: [] });
      expect(await read(team.id)).toMatchObject({ usedBytes: 90, level: "warning", byKind: { run_file: 90 } });
      for (const id of [ada.id, users[1]!.id, users[2]!.id, team.id])
        expect((await read(id)).usedBytes).toBe((await computeUsage(t.db, id)).usedBytes);
      // Again in the same hour: no new alert, the history point is replaced.
      await put(ada.id, [{ projectId: p1.id, kind: "other", path: "d", size: 5, digest: "w" }]);
      expect((await recalculateStorage(t.db, batch, opts)).deliveryIds).toEqual([]);
      const history = await t.db.select().from(storageHistory).where(eq(storageHistory.entityId, ada.id));
      expect(history.map((h) => h.usedBytes)).toEqual([1005]);
      expect(await recalculateStorage(t.db, ["no-such-entity"], opts)).toEqual({ recalculated: 0, deliveryIds: [] });
    });

    it("overlapping batches recalculated at once both finish (rows locked in one order)", async () => {
      const { ada, p1 } = await setup();
      const bob = await createUser(t.db, { username: "bob", email: "bob@example.com", passwordHash: "x" });
      const bp = await ensureProject(t.db, { entityId: bob.id, name: "p", userId: bob.id });
      await put(ada.id, [{ projectId: p1.id, kind: "media", path: "a", size: 5, digest: "a" }]);
      await put(bob.id, [{ projectId: bp.id, kind: "media", path: "a", size: 7, digest: "a" }]);
      const results = await Promise.all([
        recalculateStorage(t.db, [ada.id, bob.id], opts),
        recalculateStorage(t.db, [bob.id, ada.id], opts),
        insertStorageObjects(t.db, {
          now,
          objects: [
            { entityId: bob.id, projectId: bp.id, kind: "media", path: "b", size: 1, digest: "b" },
            { entityId: ada.id, projectId: p1.id, kind: "media", path: "b", size: 1, digest: "b" },
          ],
        }),
      ]);
      expect(results[0].recalculated + results[1].recalculated).toBe(4);
    });
  });

  describe("storage levels and alerts", () => {
    it("notifies caution, warning, danger, exceeded, then caution again along a walk", async () => {
      const { ada, p1 } = await setup();
      await setEntityQuota(t.db, { entityId: ada.id, quotaBytes: 100 });
      let current: number | undefined;
      const notifications: string[] = [];
      for (const [step, percent] of [0, 69, 71, 86, 96, 101, 101, 50, 72, 72].entries()) {
        // A second apart, so that the alerts' order is their creation time on both dialects.
        const at = { ...opts, now: new Date(now.getTime() + step * 1000) };
        if (current !== undefined) await deleteStorageObject(t.db, { id: current, entityIds: new Set([ada.id]), now });
        [current] = await put(ada.id, [
          { projectId: p1.id, kind: "other", path: "x", size: percent, digest: `d${percent}` },
        ]);
        await recalculateStorage(t.db, [ada.id], at);
        await recalculateStorage(t.db, [ada.id], at);
        const { notifications: table } = tables(t.db);
        const rows = await t.db.select({ title: table.title }).from(table).orderBy(asc(table.createdAt));
        notifications.splice(0, notifications.length, ...rows.map((r) => r.title));
      }
      expect(notifications).toEqual([
        "Storage 71 % used: ada",
        "Storage 86 % used: ada",
        "Storage 96 % used: ada",
        "Storage quota exceeded: ada",
        "Storage 72 % used: ada",
      ]);
    });

    it("notifies the admins of a team, not its members", async () => {
      const { ada } = await setup();
      await createUser(t.db, { username: "bob", email: "bob@example.com", passwordHash: "x" });
      const team = await createTeam(t.db, { name: "lab", creatorId: ada.id });
      await addTeamMember(t.db, { teamId: team.id, username: "bob", role: "member" });
      const p = await ensureProject(t.db, { entityId: team.id, name: "p", userId: ada.id });
      await setEntityQuota(t.db, { entityId: team.id, quotaBytes: 10 });
      await put(team.id, [{ projectId: p.id, kind: "other", path: "x", size: 9, digest: "d" }]);
      const { deliveryIds } = await recalculateStorage(t.db, [team.id], opts);
      expect(deliveryIds).toHaveLength(1);
      const { notifications: table } = tables(t.db);
      expect(await t.db.select({ userId: table.userId }).from(table)).toEqual([{ userId: ada.id }]);
    });

    it("reports usage, quota override and its reset, breakdowns and history", async () => {
      const { ada, p1, p2 } = await setup();
      await put(ada.id, [
        { projectId: p1.id, kind: "artifact", path: "a", size: 300, digest: "a" },
        { projectId: p2.id, kind: "media", path: "b", size: 700, digest: "b" },
      ]);
      expect(
        (await getEntityStorage(t.db, { entityId: ada.id, defaultQuotaBytes: 1000, historyDays: 30, now })).stale,
      ).toBe(true);
      await recalculateStorage(t.db, [ada.id], opts);
      const s = await getEntityStorage(t.db, { entityId: ada.id, defaultQuotaBytes: 1000, historyDays: 30, now });
      expect(s).toMatchObject({ usedBytes: 1000, quotaBytes: 1000, level: "exceeded", stale: false });
      expect(s.byKind).toEqual({ artifact: 300, run_file: 0, media: 700, other: 0 });
      expect(s.byProject).toEqual([
        { project: "p2", bytes: 700 },
        { project: "p1", bytes: 300 },
      ]);
      expect(s.history).toEqual([{ at: new Date("2026-05-01T12:00:00Z"), usedBytes: 1000 }]);
      await setEntityQuota(t.db, { entityId: ada.id, quotaBytes: 10_000 });
      expect(
        (await getEntityStorage(t.db, { entityId: ada.id, defaultQuotaBytes: 1000, historyDays: 30, now })).quotaBytes,
      ).toBe(10_000);
      await setEntityQuota(t.db, { entityId: ada.id, quotaBytes: null });
      expect(
        (await getEntityStorage(t.db, { entityId: ada.id, defaultQuotaBytes: 1000, historyDays: 30, now })).quotaBytes,
      ).toBe(1000);
    });
  });
});
