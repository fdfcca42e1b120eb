import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, type Db, openDatabase, pgMigrationsFolder, pgPoolOf, pingDb } from "./client";
import { dialectOf, tables } from "./dialect";
import * as sqliteSchema from "./schema";
import * as pgSchema from "./schema-pg";
import { createPgTestDatabase, openTestDatabase, testDialects } from "./testing";

const pgMigrationCount = (
  JSON.parse(readFileSync(join(pgMigrationsFolder(), "meta/_journal.json"), "utf8")) as { entries: unknown[] }
).entries.length;

describe.each(testDialects())("openTestDatabase on %s", (dialect) => {
  let db: Db;
  let url: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, url, cleanup } = await openTestDatabase({ dialect }));
  });
  afterAll(() => cleanup());

  it("marks the dialect, answers pingDb and gives that dialect's tables", async () => {
    expect(dialectOf(db)).toBe(dialect);
    await expect(pingDb(db)).resolves.toBeUndefined();
    expect(tables(db).users).toBe(dialect === "postgres" ? pgSchema.users : sqliteSchema.users);
  });

  it("writes and reads back the same row shape", async () => {
    const { users, storageObjects, entities, projects } = tables(db);
    const createdAt = new Date("2024-05-06T07:08:09.123Z");
    await db
      .insert(users)
      .values({ id: "u1", username: "ada", email: "ada@example.com", passwordHash: "x", createdAt });
    const [user] = await db.select().from(users);
    expect(user).toMatchObject({ id: "u1", emailVerified: false, isAdmin: false, createdAt, deletedAt: null });
    await db.insert(entities).values({ id: "e1", name: "ada", kind: "user" });
    await db.insert(projects).values({ id: "p1", entityId: "e1", name: "p", privacy: "private", codeSaving: false });
    // Byte sizes past 2^31 stay exact numbers on both dialects.
    const size = 3 * 2 ** 31 + 5;
    await db
      .insert(storageObjects)
      .values({ entityId: "e1", projectId: "p1", kind: "other", path: "a", size, digest: "d", createdAt });
    const [object] = await db.select().from(storageObjects);
    expect(object).toMatchObject({ id: 1, size, createdAt });
  });

  it("gives a DATABASE_URL that a second connection opens the same database with", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "homebase-second-"));
    const second = await openDatabase({ url, dataDir, poolSize: 1 });
    try {
      expect(dialectOf(second)).toBe(dialect);
      const { users } = tables(second);
      await second.insert(users).values({ id: "u2", username: "bob", email: "bob@example.com", passwordHash: "x" });
      expect((await db.select({ id: users.id }).from(users)).map((u) => u.id).sort()).toEqual(["u1", "u2"]);
    } finally {
      await closeDatabase(second);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

// Declared only when PostgreSQL is among the selected dialects (HOMEBASE_TEST_DIALECTS).
if (testDialects().includes("postgres")) describePostgres();

function describePostgres() {
  describe("openDatabase on PostgreSQL", () => {
    let target: Awaited<ReturnType<typeof createPgTestDatabase>>;
    beforeAll(async () => {
      target = await createPgTestDatabase();
    });
    afterAll(() => target.drop());

    it("ten processes starting together migrate once", async () => {
      const dbs = await Promise.all(
        Array.from({ length: 10 }, () => openDatabase({ url: target.url, dataDir: tmpdir(), poolSize: 2 })),
      );
      try {
        for (const db of dbs) await pingDb(db);
        const { rows } = await pgPoolOf(dbs[0]!).query<{ hash: string; count: string }>(
          "select hash, count(*) as count from drizzle.__drizzle_migrations group by hash",
        );
        expect(rows).toHaveLength(pgMigrationCount);
        expect(rows.every((row) => row.count === "1")).toBe(true);
        const { rows: tableRows } = await pgPoolOf(dbs[0]!).query(
          "select 1 from information_schema.tables where table_schema = 'public' and table_name = 'storage_objects'",
        );
        expect(tableRows).toHaveLength(1);
      } finally {
        await Promise.all(dbs.map((db) => closeDatabase(db)));
      }
    });

    it("leaves the lock free and the pool ended after closeDatabase", async () => {
      const db = await openDatabase({ url: target.url, dataDir: tmpdir() });
      const pool = pgPoolOf(db);
      await closeDatabase(db);
      await closeDatabase(db);
      expect(pool.ended).toBe(true);
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        const { rows } = await client.query("select count(*)::int as n from pg_locks where locktype = 'advisory'");
        expect(rows[0].n).toBe(0);
      } finally {
        await client.end();
      }
    });

    it("rejects when the server cannot be reached", async () => {
      await expect(
        openDatabase({ url: "postgres://postgres@127.0.0.1:1/none", dataDir: tmpdir(), poolSize: 1 }),
      ).rejects.toThrow();
    });
  });
}

describe("openDatabase on SQLite", () => {
  it("uses DATA_DIR/homebase.sqlite without a URL, and the file a file: URL names", async () => {
    const dir = mkdtempSync(join(tmpdir(), "homebase-client-"));
    try {
      for (const [url, file] of [
        [undefined, join(dir, "homebase.sqlite")],
        ["file:", join(dir, "homebase.sqlite")],
        [`file://${join(dir, "other.sqlite")}`, join(dir, "other.sqlite")],
        [`file:${join(dir, "third.sqlite")}`, join(dir, "third.sqlite")],
      ] as const) {
        const db = await openDatabase({ url, dataDir: dir });
        expect(dialectOf(db)).toBe("sqlite");
        expect(db.$client.name).toBe(file);
        await pingDb(db);
        await closeDatabase(db);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses an unknown scheme", async () => {
    await expect(openDatabase({ url: "mysql://x", dataDir: tmpdir() })).rejects.toThrow(/DATABASE_URL/);
  });
});
