import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type pg from "pg";
import { dialectOf, markDialect } from "./dialect";
import * as schema from "./schema";
import * as pgSchema from "./schema-pg";

/**
 * A Drizzle database of either dialect, typed as the SQLite one (see `tables(db)` in dialect.ts
 * for why that is sound for the query builder). On PostgreSQL it is a `NodePgDatabase` whose
 * `$client` is a `pg.Pool`; use `dialectOf(db)` before touching `$client` or dialect-only API.
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDbOptions {
  /** Path of the SQLite file; its folder is created when missing. */
  file: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
}

export interface OpenDatabaseOptions {
  /**
   * `DATABASE_URL`: unset, empty or `file:…` → SQLite; `postgres://…` or `postgresql://…` →
   * PostgreSQL. A `file:` URL may name the file (`file:./data/x.sqlite`, `file:///srv/x.sqlite`);
   * bare `file:` means the default file.
   */
  url?: string;
  /** `DATA_DIR`: the SQLite file is DATA_DIR/homebase.sqlite unless the URL names one. */
  dataDir: string;
  /** PostgreSQL connections in the pool (`DATABASE_POOL_SIZE`, default 10); ignored by SQLite. */
  poolSize?: number;
  /** Apply pending migrations (default true); on PostgreSQL under an advisory lock. */
  migrate?: boolean;
  /**
   * Told about errors of idle PostgreSQL connections (server restart, failover), e.g. to log
   * them; the pool drops such a connection and opens a new one for the next query.
   */
  onPoolError?: (error: Error) => void;
}

/**
 * The key of the session-level advisory lock that serialises migrations across processes (an
 * arbitrary constant, fixed forever: every Homebase version must take the same lock).
 */
export const MIGRATION_LOCK_KEY = 7_262_019_041;

/**
 * The migrations folder, found by package resolution so that it is found the same way
 * from source (tsx), from tests and from a bundled server that keeps this package external.
 */
export function migrationsFolder(): string {
  const require = createRequire(import.meta.url);
  return dirname(dirname(require.resolve("@homebase/db/migrations")));
}

/** The PostgreSQL migrations folder (drizzle-pg/), found like {@link migrationsFolder}. */
export function pgMigrationsFolder(): string {
  const require = createRequire(import.meta.url);
  return dirname(dirname(require.resolve("@homebase/db/migrations-pg")));
}

/** Opens the SQLite database with WAL, foreign keys and a busy timeout, and migrates it. */
export function openDb(options: OpenDbOptions): Db {
  if (!options.readonly) mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file, { readonly: options.readonly ?? false });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle({ client: sqlite, schema, casing: "snake_case" }) as Db;
  markDialect(db, "sqlite");
  if (options.migrate ?? true) migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

/**
 * Opens the database `options.url` names (see {@link OpenDatabaseOptions}) and, unless
 * `migrate: false`, brings it to the latest migration. Rejects on an unknown URL scheme, when
 * PostgreSQL cannot be reached, or when a migration fails (the pool is then ended).
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  const url = options.url?.trim() ?? "";
  if (url === "" || url.startsWith("file:")) {
    return openDb({ file: sqliteFileOf(url, options.dataDir), migrate: options.migrate });
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error("DATABASE_URL must be unset, file:…, postgres://… or postgresql://…");
  }
  // The driver loads only for PostgreSQL: an embedded (SQLite) process never holds it in memory.
  const [{ default: driver }, { drizzle: drizzlePg }] = await Promise.all([
    import("pg"),
    import("drizzle-orm/node-postgres"),
  ]);
  const pool = new driver.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // Without a listener, an idle connection's 'error' event would end the process.
  pool.on("error", (error) => options.onPoolError?.(error));
  const db = drizzlePg({ client: pool, schema: pgSchema, casing: "snake_case" }) as unknown as Db;
  markDialect(db, "postgres");
  try {
    if (options.migrate ?? true) await migratePostgres(pool);
    else await pool.query("select 1");
  } catch (error) {
    await pool.end();
    throw error;
  }
  return db;
}

/** The SQLite file of a `file:` URL (or of no URL): absolute, relative to the cwd, or the default. */
function sqliteFileOf(url: string, dataDir: string): string {
  if (url === "" || url === "file:") return join(dataDir, "homebase.sqlite");
  if (url.startsWith("file://")) return fileURLToPath(url);
  return resolve(url.slice("file:".length));
}

/**
 * Applies drizzle-pg/ migrations while holding the advisory lock on one dedicated connection:
 * processes starting together queue on the lock, the first migrates, and the others then find
 * every migration recorded in drizzle.__drizzle_migrations and apply nothing.
 */
async function migratePostgres(pool: pg.Pool): Promise<void> {
  const [{ drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import("drizzle-orm/node-postgres"),
    import("drizzle-orm/node-postgres/migrator"),
  ]);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg({ client, casing: "snake_case" }), { migrationsFolder: pgMigrationsFolder() });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // A connection that failed mid-way may still hold the lock: destroy it rather than reuse it.
    client.release(broken);
  }
}

/** Closes a SQLite database (sync). For a database of either dialect use {@link closeDatabase}. */
export function closeDb(db: Db): void {
  if (dialectOf(db) === "postgres") throw new Error("closeDb: a PostgreSQL database is closed with closeDatabase");
  if (db.$client.open) db.$client.close();
}

const ended = new WeakSet<object>();

/** Closes a database of either dialect: ends the PostgreSQL pool or closes the SQLite file. Idempotent. */
export async function closeDatabase(db: Db): Promise<void> {
  if (dialectOf(db) === "sqlite") return closeDb(db);
  if (ended.has(db)) return;
  ended.add(db);
  await pgPoolOf(db).end();
}

/** The `pg.Pool` behind a PostgreSQL database; throws for SQLite. For dialect-only code. */
export function pgPoolOf(db: Db): pg.Pool {
  if (dialectOf(db) !== "postgres") throw new Error("pgPoolOf: not a PostgreSQL database");
  return db.$client as unknown as pg.Pool;
}

/** Cheap liveness probe used by /readyz: one `select 1` on the configured database. */
export async function pingDb(db: Db): Promise<void> {
  if (dialectOf(db) === "postgres") await pgPoolOf(db).query("select 1");
  else db.$client.prepare("select 1").get();
}
