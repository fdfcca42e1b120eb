import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { closeDatabase, closeDb, type Db, openDatabase, openDb, pgMigrationsFolder } from "../client";
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
  const { url, drop } = await createPgTestDatabase({ template: await migratedPgTemplate() });
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
export async function createPgTestDatabase(
  options: { template?: string } = {},
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const adminUrl = testEnv("HOMEBASE_TEST_PG_URL") || DEFAULT_TEST_PG_URL;
  const name = `homebase_test_${process.pid}_${randomBytes(6).toString("hex")}`;
  const template = options.template ? ` template "${options.template}"` : "";
  await withAdminClient(adminUrl, (admin) => admin.query(`create database "${name}"${template}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdminClient(adminUrl, (admin) => admin.query(`drop database if exists "${name}" with (force)`)),
  };
}

/** Serialises the test processes that build a template (pg_advisory_lock on the admin database). */
const TEMPLATE_LOCK_KEY = 7_262_019_042;

/**
 * The name of a database migrated to this checkout's drizzle-pg/ migrations, made once per
 * migration set on the test server and kept there (`homebase_tpl_<digest of the migration
 * files>`): each test database is then a copy of it (CREATE DATABASE … TEMPLATE, about a third
 * of the time of creating and migrating one). Templates of other migration sets are dropped
 * when a new one is made. Processes building at once wait on an advisory lock.
 */
async function migratedPgTemplate(): Promise<string> {
  const folder = pgMigrationsFolder();
  const digest = createHash("sha256");
  const files = readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of files) digest.update(file.slice(folder.length)).update(readFileSync(file));
  const name = `homebase_tpl_${digest.digest("hex").slice(0, 16)}`;
  const adminUrl = testEnv("HOMEBASE_TEST_PG_URL") || DEFAULT_TEST_PG_URL;
  await withAdminClient(adminUrl, async (admin) => {
    const exists = async () =>
      (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
    if (await exists()) return;
    await admin.query("select pg_advisory_lock($1)", [TEMPLATE_LOCK_KEY]);
    try {
      if (await exists()) return;
      const stale = await admin.query("select datname from pg_database where datname like 'homebase_tpl_%'");
      for (const { datname } of stale.rows as { datname: string }[]) {
        await admin.query(`drop database if exists "${datname}" with (force)`);
      }
      // Built under another name and renamed when complete, so no test copies a half-migrated one.
      const building = `${name}_building`;
      await admin.query(`drop database if exists "${building}" with (force)`);
      await admin.query(`create database "${building}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${building}`;
      const db = await openDatabase({ url: url.toString(), dataDir: tmpdir(), poolSize: 1 });
      await closeDatabase(db);
      await admin.query(`alter database "${building}" rename to "${name}"`);
    } finally {
      await admin.query("select pg_advisory_unlock($1)", [TEMPLATE_LOCK_KEY]);
    }
  });
  return name;
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
