import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { closeDatabase, closeDb, type Db, openDatabase, openDb } from "../client";
import type { Dialect } from "../dialect";

export interface TestDb {
  db: Db;
  dir: string;
  file: string;
  /** Closes the database and removes its folder. */
  cleanup: () => void;
}

/**
 * A fresh, migrated SQLite file in its own temporary folder (or in `options.dir`, e.g. a small
 * file system a test mounted), for one test or suite.
 */
export function createTestDb(options: { dir?: string } = {}): TestDb {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "homebase-db-"));
  const file = join(dir, "homebase.sqlite");
  const db = openDb({ file });
  return {
    db,
    dir,
    file,
    cleanup: () => {
      closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestDatabase {
  db: Db;
  dialect: Dialect;
  /**
   * The database as a `DATABASE_URL` (`file:` URL of the SQLite file, or the PostgreSQL
   * database's URL): for a second connection (`openDatabase`) or a child process.
   */
  url: string;
  /** Closes the database and deletes it (the SQLite folder, or the PostgreSQL database). */
  cleanup: () => Promise<void>;
}

const DEFAULT_TEST_PG_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * A fresh, migrated database of `options.dialect` (default: env `HOMEBASE_TEST_DIALECT`, else
 * "sqlite"). SQLite: a file in a new temporary folder, or in `options.sqliteDir` (e.g. a small
 * file system a test mounted; removed by `cleanup` like the temporary one), which a PostgreSQL
 * run refuses. PostgreSQL: a new database with a unique name on the server of env
 * `HOMEBASE_TEST_PG_URL` (default postgres://postgres@127.0.0.1:5432/postgres, whose user may
 * CREATE DATABASE), opened with a small pool so parallel test files stay under the server's
 * connection limit, and dropped `WITH (FORCE)` by `cleanup`.
 */
export async function openTestDatabase(options: { dialect?: Dialect; sqliteDir?: string } = {}): Promise<TestDatabase> {
  const dialect = options.dialect ?? testDialect();
  if (options.sqliteDir !== undefined && dialect !== "sqlite") {
    throw new Error(`openTestDatabase: sqliteDir is for SQLite, but this run's dialect is ${dialect}`);
  }
  if (dialect === "sqlite") {
    const test = createTestDb({ dir: options.sqliteDir });
    return { db: test.db, dialect, url: pathToFileURL(test.file).href, cleanup: async () => test.cleanup() };
  }
  const { url, drop } = await createPgTestDatabase();
  try {
    const db = await openDatabase({ url, dataDir: tmpdir(), poolSize: 4 });
    return {
      db,
      dialect,
      url,
      cleanup: async () => {
        await closeDatabase(db);
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

/**
 * Creates an empty PostgreSQL database with a unique name (`homebase_test_<pid>_<random>`) on
 * `HOMEBASE_TEST_PG_URL` and returns its URL and a function that drops it `WITH (FORCE)`
 * (PostgreSQL ≥ 13), closing any connection still open. Not migrated: for tests of migration.
 */
export async function createPgTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const adminUrl = testEnv("HOMEBASE_TEST_PG_URL") || DEFAULT_TEST_PG_URL;
  const name = `homebase_test_${process.pid}_${randomBytes(6).toString("hex")}`;
  await withAdminClient(adminUrl, (admin) => admin.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdminClient(adminUrl, (admin) => admin.query(`drop database if exists "${name}" with (force)`)),
  };
}

async function withAdminClient(url: string, fn: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The dialect of this test run: env `HOMEBASE_TEST_DIALECT` (set per Vitest project by
 * `withDialects()`), else "sqlite". What {@link openTestDatabase} opens by default.
 */
export function testDialect(): Dialect {
  return parseDialect(testEnv("HOMEBASE_TEST_DIALECT") ?? "sqlite");
}

/**
 * The dialects a database test runs on, from env `HOMEBASE_TEST_DIALECTS` (comma list, e.g.
 * "sqlite" for a quicker local run; default "sqlite,postgres"). For `describe.each(testDialects())`.
 * Throws on an unknown name.
 */
export function testDialects(): Dialect[] {
  const list = testEnv("HOMEBASE_TEST_DIALECTS")?.trim() || "sqlite,postgres";
  return [...new Set(list.split(",").map((name) => parseDialect(name.trim())))];
}

function parseDialect(name: string): Dialect {
  if (name === "sqlite" || name === "postgres") return name;
  throw new Error(`Unknown test dialect "${name}": expected sqlite or postgres`);
}

/** A test-run setting: these are read by tests only, like the env of test files and tooling. */
function testEnv(name: "HOMEBASE_TEST_DIALECT" | "HOMEBASE_TEST_DIALECTS" | "HOMEBASE_TEST_PG_URL") {
  // biome-ignore lint/style/noProcessEnv: test-only settings, never read by the apps (which take theirs from src/env.ts)
  return process.env[name];
}
