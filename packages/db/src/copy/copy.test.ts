import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableColumns, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { type AnyPgColumn, pgTable, text as pgText } from "drizzle-orm/pg-core";
import {
  type AnySQLiteColumn,
  type SQLiteTable,
  sqliteTable,
  getTableConfig as sqliteTableConfig,
  text,
} from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, closeDb, type Db, openDatabase, openDb } from "../client";
import * as pgSchema from "../schema-pg";
import { createPgTestDatabase, createTestDb, type TestDb } from "../testing";
import { copyDatabase, copyTables, type PgTx } from "./copy";
import { CopyRefusedError, CopyVerificationError } from "./errors";
import { homebaseTables, planCopy, type TablePair } from "./plan";
import { seedEveryTable } from "./test-fixtures";

type Row = Record<string, unknown>;
const pairs = homebaseTables();
const plan = planCopy(pairs);

/** A fresh PostgreSQL database, migrated unless told otherwise; closed and dropped by `cleanup`. */
async function newTarget(options: { migrate?: boolean } = {}) {
  const { url, drop } = await createPgTestDatabase();
  const db = await openDatabase({ url, dataDir: tmpdir(), poolSize: 2, migrate: options.migrate });
  return {
    db,
    url,
    cleanup: async () => {
      await closeDatabase(db);
      await drop();
    },
  };
}

/** Runs raw SQL (one or more statements) on a PostgreSQL test database. */
async function pgExec(db: Db, text: string): Promise<void> {
  await (db as unknown as NodePgDatabase).execute(sql.raw(text));
}

/** Primary-key row keys of a table, in key order. */
function keyOf(table: SQLiteTable): string[] {
  const columns = Object.entries(getTableColumns(table));
  const single = columns.filter(([, c]) => c.primary).map(([k]) => k);
  if (single.length > 0) return single;
  const pk = sqliteTableConfig(table).primaryKeys[0]?.columns ?? [];
  return pk.map((column) => columns.find(([, c]) => c === column)?.[0] as string);
}

/** Rows sorted by primary key in JS (the dialects' text collations differ, so no ORDER BY). */
function sortByKey(rows: Row[], key: string[]): Row[] {
  const cmp = (a: unknown, b: unknown) =>
    a instanceof Date && b instanceof Date
      ? a.getTime() - b.getTime()
      : a === b
        ? 0
        : (a as never) < (b as never)
          ? -1
          : 1;
  return [...rows].sort((a, b) => {
    for (const k of key) {
      const c = cmp(a[k], b[k]);
      if (c !== 0) return c;
    }
    return 0;
  });
}

function readSqlite(db: Db, pair: TablePair): Row[] {
  return sortByKey(db.select().from(pair.sqlite).all() as Row[], keyOf(pair.sqlite));
}

async function readPg(db: Db, pair: TablePair): Promise<Row[]> {
  const rows = (await (db as unknown as NodePgDatabase).select().from(pair.pg)) as Row[];
  return sortByKey(rows, keyOf(pair.sqlite));
}

async function dumpPg(db: Db): Promise<Record<string, Row[]>> {
  const dump: Record<string, Row[]> = {};
  for (const pair of pairs) dump[pair.name] = await readPg(db, pair);
  return dump;
}

async function expectEmpty(db: Db) {
  for (const [name, rows] of Object.entries(await dumpPg(db))) expect(rows, name).toEqual([]);
}

describe("copyDatabase (SQLite → PostgreSQL)", () => {
  let source: TestDb;

  beforeAll(() => {
    source = createTestDb();
    seedEveryTable(source.db);
  });
  afterAll(() => source.cleanup());

  it("has fixture rows in every Homebase table", () => {
    for (const pair of pairs) expect(readSqlite(source.db, pair).length, pair.name).toBeGreaterThan(0);
  });

  it("orders tables parents first", () => {
    const position = new Map(plan.map((t, i) => [t.name, i]));
    for (const table of plan) {
      expect(table.deferredKeys).toEqual([]);
      for (const fk of sqliteTableConfig(table.sqlite).foreignKeys) {
        const parent = sqliteTableConfig(fk.reference().foreignTable).name;
        expect(position.get(parent), `${parent} before ${table.name}`).toBeLessThan(position.get(table.name) as number);
      }
    }
  });

  it("copies every row of every table, read back deep-equal; refuses a second copy and changes nothing", async () => {
    const target = await newTarget();
    try {
      const progress: [string, number, number][] = [];
      const result = await copyDatabase(source.db, target.db, {
        batchSize: 1, // every row its own batch: exercises the keyset pagination, composite keys too
        onProgress: (table, copied, total) => progress.push([table, copied, total]),
      });
      expect(result.tables.map((t) => t.name)).toEqual(plan.map((t) => t.name));
      for (const pair of pairs) {
        const expected = readSqlite(source.db, pair);
        expect(await readPg(target.db, pair), pair.name).toEqual(expected);
        expect(result.tables.find((t) => t.name === pair.name)?.rows).toBe(expected.length);
        const last = progress.filter(([name]) => name === pair.name).at(-1);
        expect(last).toEqual([pair.name, expected.length, expected.length]);
      }
      // Spot checks of the shapes that matter: big integers, dates, booleans, JSON text, nulls.
      const [run] = (await readPg(target.db, pairs.find((p) => p.name === "runs") as TablePair)) as Row[];
      expect(run).toMatchObject({ historyLineCount: 3_000_000_000, endedAt: new Date("2024-10-01T01:00:00.250Z") });
      expect(JSON.parse(run?.config as string)).toEqual({ lr: 0.001, layers: [64, 32], nested: { dropout: null } });

      // The identity sequence continues past SQLite's AUTOINCREMENT mark (3 000 000 002 was deleted).
      const pg = target.db as unknown as NodePgDatabase<typeof pgSchema>;
      const [fresh] = await pg
        .insert(pgSchema.storageObjects)
        .values({
          entityId: "u-bob",
          projectId: "p-scratch",
          kind: "other",
          path: "after-copy",
          size: 1,
          digest: "0".repeat(64),
          createdAt: new Date(),
        })
        .returning({ id: pgSchema.storageObjects.id });
      expect(fresh?.id).toBe(3_000_000_003);

      const before = await dumpPg(target.db);
      const refusal = await copyDatabase(source.db, target.db).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(CopyRefusedError);
      expect((refusal as CopyRefusedError).code).toBe("target_not_empty");
      expect((refusal as Error).message).toMatch(/already holds Homebase data \(.*users \(2\)/);
      expect(await dumpPg(target.db)).toEqual(before);
    } finally {
      await target.cleanup();
    }
  });

  it("rolls everything back when an insert fails midway", async () => {
    const target = await newTarget();
    try {
      const late = plan[plan.length - 2]?.name as string; // most tables are written before it fails
      await pgExec(
        target.db,
        `
        create function homebase_test_fail() returns trigger language plpgsql as
          $$ begin raise exception 'simulated failure on %', tg_table_name; end $$;
        create trigger fail before insert on "${late}" for each row execute function homebase_test_fail();`,
      );
      await expect(copyDatabase(source.db, target.db, { batchSize: 2 })).rejects.toThrow(
        `simulated failure on ${late}`,
      );
      await expectEmpty(target.db);

      // Nothing was left behind (rows, locks): once the cause is gone, the copy succeeds.
      await pgExec(target.db, `drop trigger fail on "${late}"`);
      const result = await copyDatabase(source.db, target.db);
      expect(result.tables.find((t) => t.name === late)?.rows).toBeGreaterThan(0);
    } finally {
      await target.cleanup();
    }
  });

  it("rolls back when the row counts do not add up afterwards", async () => {
    const target = await newTarget();
    try {
      // A trigger that silently drops the rows of one table: the inserts succeed, the counts differ.
      await pgExec(
        target.db,
        `
        create function homebase_test_drop() returns trigger language plpgsql as $$ begin return null; end $$;
        create trigger swallow before insert on "sessions" for each row execute function homebase_test_drop();`,
      );
      const error = await copyDatabase(source.db, target.db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CopyVerificationError);
      expect((error as Error).message).toContain("sessions: source 2, read 2, target 0");
      await expectEmpty(target.db);
    } finally {
      await target.cleanup();
    }
  });

  it("refuses a target that is not migrated, or that has a table the source lacks", async () => {
    const bare = await newTarget({ migrate: false });
    try {
      await expect(copyDatabase(source.db, bare.db)).rejects.toMatchObject({
        code: "migration_level",
        message: expect.stringContaining("target (PostgreSQL) database has no migrations applied"),
      });
    } finally {
      await bare.cleanup();
    }
    const extra = await newTarget();
    try {
      await pgExec(extra.db, `create table "legacy_audit" (id integer primary key)`);
      await expect(copyDatabase(source.db, extra.db)).rejects.toMatchObject({
        code: "schema_mismatch",
        message: expect.stringContaining("table legacy_audit exists in the target only"),
      });
      await expectEmpty(extra.db);
    } finally {
      await extra.cleanup();
    }
  });

  it("refuses a source that is behind this version's migrations, or a wrong dialect", async () => {
    const dir = mkdtempSync(join(tmpdir(), "homebase-copy-"));
    const stale = openDb({ file: join(dir, "stale.sqlite"), migrate: false });
    const target = await newTarget();
    try {
      await expect(copyDatabase(stale, target.db)).rejects.toMatchObject({ code: "migration_level" });
      await expect(copyDatabase(target.db, source.db)).rejects.toMatchObject({ code: "wrong_dialect" });
      await expect(copyDatabase(source.db, source.db)).rejects.toMatchObject({ code: "wrong_dialect" });
    } finally {
      closeDb(stale);
      rmSync(dir, { recursive: true, force: true });
      await target.cleanup();
    }
  });
});

describe("planCopy and copyTables with foreign-key cycles", () => {
  // Synthetic tables the Homebase schema does not have: a self-reference and two tables that
  // reference each other. Both dialects' definitions, as the schema modules pair them.
  const sNodes = sqliteTable("nodes", {
    id: text().primaryKey(),
    parentId: text().references((): AnySQLiteColumn => sNodes.id),
  });
  const sA = sqliteTable("cycle_a", { id: text().primaryKey(), bId: text().references((): AnySQLiteColumn => sB.id) });
  const sB = sqliteTable("cycle_b", {
    id: text().primaryKey(),
    aId: text()
      .notNull()
      .references(() => sA.id),
  });
  const pNodes = pgTable("nodes", {
    id: pgText().primaryKey(),
    parentId: pgText().references((): AnyPgColumn => pNodes.id),
  });
  const pA = pgTable("cycle_a", { id: pgText().primaryKey(), bId: pgText().references((): AnyPgColumn => pB.id) });
  const pB = pgTable("cycle_b", {
    id: pgText().primaryKey(),
    aId: pgText()
      .notNull()
      .references(() => pA.id),
  });
  const synthetic = homebaseTables({ sNodes, sA, sB }, { sNodes: pNodes, sA: pA, sB: pB });

  it("defers the nullable foreign key that closes each cycle", () => {
    const planned = planCopy(synthetic);
    expect(planned.map((t) => [t.name, t.deferredKeys])).toEqual([
      ["nodes", ["parentId"]],
      ["cycle_a", ["bId"]],
      ["cycle_b", []],
    ]);
  });

  it("refuses a cycle of NOT NULL foreign keys", () => {
    const sX = sqliteTable("x", {
      id: text().primaryKey(),
      yId: text()
        .notNull()
        .references((): AnySQLiteColumn => sY.id),
    });
    const sY = sqliteTable("y", {
      id: text().primaryKey(),
      xId: text()
        .notNull()
        .references((): AnySQLiteColumn => sX.id),
    });
    const pX = pgTable("x", { id: pgText().primaryKey(), yId: pgText().notNull() });
    const pY = pgTable("y", { id: pgText().primaryKey(), xId: pgText().notNull() });
    expect(() => planCopy(homebaseTables({ sX, sY }, { sX: pX, sY: pY }))).toThrow(
      /cycle of NOT NULL columns among: x, y/,
    );
  });

  it("copies cyclic rows: inserted with the deferred keys null, then filled in", async () => {
    const dir = mkdtempSync(join(tmpdir(), "homebase-copy-cycle-"));
    const from = openDb({ file: join(dir, "cycle.sqlite"), migrate: false });
    const target = await newTarget({ migrate: false });
    try {
      from.$client.exec(`
        create table nodes (id text primary key, parent_id text references nodes(id));
        create table cycle_a (id text primary key, b_id text references cycle_b(id));
        create table cycle_b (id text primary key, a_id text not null references cycle_a(id));
        insert into nodes values ('z-root', null), ('m-child', 'z-root'), ('a-grandchild', 'm-child');
        insert into cycle_a values ('a1', null), ('a2', null);
        insert into cycle_b values ('b1', 'a1');
        update cycle_a set b_id = 'b1' where id = 'a1';`);
      await pgExec(
        target.db,
        `
        create table nodes (id text primary key, parent_id text references nodes(id));
        create table cycle_a (id text primary key, b_id text);
        create table cycle_b (id text primary key, a_id text not null references cycle_a(id));
        alter table cycle_a add foreign key (b_id) references cycle_b(id);`,
      );
      const planned = planCopy(synthetic);
      const pg = target.db as unknown as NodePgDatabase;
      const result = await pg.transaction((tx) => copyTables(from, tx as PgTx, planned, 1));
      expect(result.tables).toEqual([
        { name: "nodes", rows: 3 },
        { name: "cycle_a", rows: 2 },
        { name: "cycle_b", rows: 1 },
      ]);
      for (const pair of synthetic) expect(await readPg(target.db, pair)).toEqual(readSqlite(from, pair));
    } finally {
      closeDb(from);
      rmSync(dir, { recursive: true, force: true });
      await target.cleanup();
    }
  });
});
