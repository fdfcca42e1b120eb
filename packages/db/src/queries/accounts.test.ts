import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgPoolOf } from "../client";
import { openTestDatabase, type TestDatabase, testDialects } from "../testing";
import { deleteAccount, getAccountPurge, purgeAccountStep } from "./accounts";
import { updateAlertPreferences } from "./alerts";
import { createUserApiKey } from "./api-keys";
import { ensureProject } from "./projects";
import { createRun, finishRun } from "./runs";
import { createSession } from "./sessions";
import { insertStorageObjects, recalculateStorage } from "./storage";
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
});
