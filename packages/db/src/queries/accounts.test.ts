import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgPoolOf } from "../client";
import { openTestDatabase, type TestDatabase, testDialects } from "../testing";
import {
  claimAccountPurge,
  deleteAccount,
  getAccountPurge,
  listPendingPurges,
  PURGE_LEASE_MS,
  purgeAccountStep,
  releaseAccountPurge,
} from "./accounts";
import { updateAlertPreferences } from "./alerts";
import { createUserApiKey } from "./api-keys";
import { ensureProject } from "./projects";
import { createRun, finishRun } from "./runs";
import { createSession } from "./sessions";
import { insertStorageObjects, recalculateStorage } from "./storage";
import { claimTeamPurge, deleteTeam, listPendingTeamPurges, purgeTeamStep } from "./team-deletion";
import { addTeamMember, createTeam } from "./teams";
import { createUser, findUserByLogin } from "./users";

let t: TestDatabase;
const now = new Date("2026-06-01T00:00:00Z");

/** Every table and column that holds this id, as the bytes of the database tell. */
async function tablesHolding(id: string): Promise<string[]> {
  const found: string[] = [];
  if (t.dialect === "postgres") {
    const pool = pgPoolOf(t.db);
    const { rows: columns } = await pool.query<{ table_name: string; column_name: string }>(
      "select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name not like '__drizzle%' order by table_name, ordinal_position",
    );
    for (const c of columns) {
      const { rows } = await pool.query<{ n: string }>(
        `select count(*) as n from "${c.table_name}" where cast("${c.column_name}" as text) like $1`,
        [`%${id}%`],
      );
      if (Number(rows[0]!.n) > 0) found.push(`${c.table_name}.${c.column_name}`);
    }
    return found;
  }
  const sqlite = t.db.$client;
  const tables = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[];
  for (const { name } of tables) {
    const columns = sqlite.prepare(`pragma table_info("${name}")`).all() as { name: string }[];
    for (const c of columns) {
      const row = sqlite
        .prepare(`select count(*) as n from "${name}" where cast("${c.name}" as text) like ?`)
        .get(`%${id}%`) as { n: number };
      if (row.n > 0) found.push(`${name}.${c.name}`);
    }
  }
  return found;
}

async function richAccount() {
  const ada = await createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "x" });
  const bob = await createUser(t.db, { username: "bob", email: "bob@example.com", passwordHash: "x" });
  const team = await createTeam(t.db, { name: "lab", creatorId: bob.id });
  await addTeamMember(t.db, { teamId: team.id, username: "ada", role: "member" });
  await createSession(t.db, { tokenHash: "h1", userId: ada.id, now, idleTimeoutMs: 1e9 });
  await createUserApiKey(t.db, { id: "AAAAAAAAAAAA", name: "k", secretDigest: "d", now, userId: ada.id });
  await updateAlertPreferences(t.db, ada.id, { runFinished: { slack: true } }, now);
  const personal = await ensureProject(t.db, { entityId: ada.id, name: "p", userId: ada.id });
  const teamProject = await ensureProject(t.db, { entityId: team.id, name: "shared", userId: ada.id });
  const objects = Array.from({ length: 25 }, (_, i) => ({
    entityId: ada.id,
    projectId: personal.id,
    kind: "other" as const,
    path: `f${i}`,
    size: 10,
    digest: `d${i}`,
  }));
  await insertStorageObjects(t.db, { now, objects });
  await recalculateStorage(t.db, [ada.id], { now, defaultQuotaBytes: 1e11, settingsUrl: "x" });
  const run = await createRun(t.db, {
    entityId: ada.id,
    projectId: personal.id,
    name: "r",
    createdById: ada.id,
    serviceAccountId: null,
    now,
  });
  await finishRun(t.db, { id: run.id, exitCode: 0, now, publicUrl: "http://x" });
  await createRun(t.db, {
    entityId: team.id,
    projectId: teamProject.id,
    name: "t",
    createdById: ada.id,
    serviceAccountId: null,
    now,
  });
  return { ada, bob, team };
}

describe.each(testDialects())("%s", (dialect) => {
  beforeEach(async () => {
    t = await openTestDatabase({ dialect });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  describe("account deletion", () => {
    it("refuses the last admin of a team with other members, changing nothing", async () => {
      const ada = await createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "x" });
      await createUser(t.db, { username: "bob", email: "bob@example.com", passwordHash: "x" });
      const team = await createTeam(t.db, { name: "lab", creatorId: ada.id });
      await addTeamMember(t.db, { teamId: team.id, username: "bob", role: "member" });
      const result = await deleteAccount(t.db, { userId: ada.id, now });
      expect(result).toEqual({ ok: false, reason: "last-admin", teams: [{ name: "lab", displayName: "lab" }] });
      expect(await findUserByLogin(t.db, "ada")).toBeDefined();
    });

    it("frees the username at once and the purge leaves no row of the user anywhere", async () => {
      const { ada } = await richAccount();
      expect((await tablesHolding(ada.id)).length).toBeGreaterThan(8);
      expect((await deleteAccount(t.db, { userId: ada.id, now })).ok).toBe(true);
      expect(await findUserByLogin(t.db, "ada")).toBeUndefined();
      // The name and e-mail are free for a new signup at once.
      const again = await createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "y" });
      expect(again.id).not.toBe(ada.id);
      let steps = 0;
      while ((await purgeAccountStep(t.db, { userId: ada.id, now, chunk: 10 })) === "more") steps += 1;
      expect(steps).toBeGreaterThanOrEqual(3);
      expect(await tablesHolding(ada.id)).toEqual([]);
      expect(await getAccountPurge(t.db, ada.id)).toBeUndefined();
    });

    it("resumes a purge cut short, and reruns are harmless", async () => {
      const { ada } = await richAccount();
      await deleteAccount(t.db, { userId: ada.id, now });
      expect(await purgeAccountStep(t.db, { userId: ada.id, now, chunk: 10 })).toBe("more");
      // The worker dies here; a new one starts over from the purge row.
      while ((await purgeAccountStep(t.db, { userId: ada.id, now, chunk: 10 })) === "more") {}
      expect(await purgeAccountStep(t.db, { userId: ada.id, now })).toBe("done");
      expect(await tablesHolding(ada.id)).toEqual([]);
    });
  });

  describe("purge leases", () => {
    const later = (ms: number) => new Date(now.getTime() + ms);

    it("one worker claims an account purge; another skips it until the lease runs out, then takes it over", async () => {
      const { ada } = await richAccount();
      await deleteAccount(t.db, { userId: ada.id, now });
      expect(await listPendingPurges(t.db, 10, now)).toEqual([ada.id]);
      expect(await claimAccountPurge(t.db, { userId: ada.id, holder: "a", now })).toBe(true);
      expect(await getAccountPurge(t.db, ada.id)).toMatchObject({
        claimedBy: "a",
        claimedUntil: later(PURGE_LEASE_MS),
      });
      // Held: not the sweeper's, not b's, and no step runs without the holder.
      expect(await listPendingPurges(t.db, 10, later(1000))).toEqual([]);
      expect(await claimAccountPurge(t.db, { userId: ada.id, holder: "b", now: later(1000) })).toBe(false);
      expect(await purgeAccountStep(t.db, { userId: ada.id, now: later(1000), chunk: 10 })).toBe("held");
      // Only the holder gives its claim up (a failed job, for its retry); a holder's claim again renews it.
      await releaseAccountPurge(t.db, { userId: ada.id, holder: "b" });
      expect(await claimAccountPurge(t.db, { userId: ada.id, holder: "b", now: later(1000) })).toBe(false);
      await releaseAccountPurge(t.db, { userId: ada.id, holder: "a" });
      expect(await getAccountPurge(t.db, ada.id)).toMatchObject({ claimedBy: null, claimedUntil: null });
      expect(await claimAccountPurge(t.db, { userId: ada.id, holder: "a", now })).toBe(true);
      // The holder's steps renew the lease.
      expect(await purgeAccountStep(t.db, { userId: ada.id, holder: "a", now: later(20_000), chunk: 10 })).toBe("more");
      expect((await getAccountPurge(t.db, ada.id))?.claimedUntil).toEqual(later(20_000 + PURGE_LEASE_MS));
      expect(await claimAccountPurge(t.db, { userId: ada.id, holder: "b", now: later(PURGE_LEASE_MS) })).toBe(false);
      // a dies: once its lease has run out, the sweeper sees the purge again and b takes it over.
      const expired = later(20_000 + PURGE_LEASE_MS);
      expect(await listPendingPurges(t.db, 10, expired)).toEqual([ada.id]);
      expect(await claimAccountPurge(t.db, { userId: ada.id, holder: "b", now: expired })).toBe(true);
      // a comes back to life: its next step finds the purge b's and stops.
      expect(await purgeAccountStep(t.db, { userId: ada.id, holder: "a", now: expired, chunk: 10 })).toBe("held");
      while ((await purgeAccountStep(t.db, { userId: ada.id, holder: "b", now: expired, chunk: 10 })) === "more") {}
      expect(await tablesHolding(ada.id)).toEqual([]);
      expect(await claimAccountPurge(t.db, { userId: ada.id, holder: "a", now: expired })).toBe(false);
      expect(await purgeAccountStep(t.db, { userId: ada.id, holder: "a", now: expired })).toBe("done");
    });

    it("a team an admin deleted has a purge row with the same lease, gone with the team", async () => {
      const ada = await createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "x" });
      const team = await createTeam(t.db, { name: "lab", creatorId: ada.id });
      await ensureProject(t.db, { entityId: team.id, name: "p", userId: ada.id });
      expect(await deleteTeam(t.db, { teamId: team.id, now })).toBe(true);
      expect(await listPendingTeamPurges(t.db, 10, now)).toEqual([team.id]);
      expect(await claimTeamPurge(t.db, { teamId: team.id, holder: "a", now })).toBe(true);
      expect(await listPendingTeamPurges(t.db, 10, now)).toEqual([]);
      expect(await claimTeamPurge(t.db, { teamId: team.id, holder: "b", now: later(1000) })).toBe(false);
      expect(await purgeTeamStep(t.db, { teamId: team.id, holder: "b", now: later(1000) })).toBe("held");
      expect(await claimTeamPurge(t.db, { teamId: team.id, holder: "a", now: later(1000) })).toBe(true);
      while ((await purgeTeamStep(t.db, { teamId: team.id, holder: "a", now: later(1000) })) === "more") {}
      expect(await tablesHolding(team.id)).toEqual([]);
      expect(await listPendingTeamPurges(t.db, 10, later(PURGE_LEASE_MS * 2))).toEqual([]);
      expect(await claimTeamPurge(t.db, { teamId: team.id, holder: "b", now: later(PURGE_LEASE_MS * 2) })).toBe(false);
    });

    // PostgreSQL runs two workers' claims side by side: the claim and the sweeper skip a purge row
    // another transaction holds locked (FOR UPDATE SKIP LOCKED) instead of waiting for it.
    if (dialect === "postgres") {
      it("skips at once a purge row another transaction holds locked, and claims it once that one is gone", async () => {
        const { ada } = await richAccount();
        await deleteAccount(t.db, { userId: ada.id, now });
        const other = await pgPoolOf(t.db).connect();
        try {
          await other.query("begin");
          await other.query("select user_id from account_purges where user_id = $1 for update", [ada.id]);
          const waited = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 2000).unref());
          expect(await Promise.race([claimAccountPurge(t.db, { userId: ada.id, holder: "a", now }), waited])).toBe(
            false,
          );
          expect(await Promise.race([listPendingPurges(t.db, 10, now), waited])).toEqual([]);
        } finally {
          await other.query("rollback");
          other.release();
        }
        expect(await claimAccountPurge(t.db, { userId: ada.id, holder: "a", now })).toBe(true);
      });
    }
  });
});
