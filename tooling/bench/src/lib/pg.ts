import { tmpdir } from "node:os";
import { closeDatabase, type Db, openDatabase, pgPoolOf } from "@homebase/db";
import { createPgTestDatabase } from "@homebase/db/testing";

/**
 * Connections in each process's PostgreSQL pool: the apps' default DATABASE_POOL_SIZE, given
 * explicitly to the API and the worker so that the figures say what they ran with.
 */
export const POOL_SIZE = 10;

/** The server the PostgreSQL entries create their databases on (the tests' setting, same default). */
export const PG_ADMIN_URL = process.env.HOMEBASE_TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** The `pg.Pool` behind a PostgreSQL Db (not named: this package reaches `pg` only through @homebase/db). */
export type PgPool = ReturnType<typeof pgPoolOf>;

export interface FreshPg {
  url: string;
  name: string;
  /** Drops the database WITH (FORCE), closing every connection still open to it. */
  drop: () => Promise<void>;
}

/**
 * A new, empty database with a unique name on HOMEBASE_TEST_PG_URL's server (createPgTestDatabase
 * of @homebase/db/testing, the tests' own helper), or an error that says how to skip these entries.
 */
export async function freshPgDatabase(): Promise<FreshPg> {
  try {
    return await createPgTestDatabase();
  } catch (error) {
    throw new Error(
      `PostgreSQL does not answer or refuses CREATE DATABASE on HOMEBASE_TEST_PG_URL ` +
        `(${redact(PG_ADMIN_URL)}): ${(error as Error).message}. Run with --db sqlite to leave the PostgreSQL entries out.`,
    );
  }
}

/** Opens `url` as the apps do (openDatabase; migrated unless told otherwise) and gives its pool for raw SQL too. */
export async function openPg(url: string, o: { poolSize?: number; migrate?: boolean } = {}) {
  const db: Db = await openDatabase({ url, dataDir: tmpdir(), poolSize: o.poolSize ?? 2, migrate: o.migrate });
  return { db, pool: pgPoolOf(db), close: () => closeDatabase(db) };
}

/** The server's version and the settings that move these figures, for bench-results/<name>.json. */
export async function pgSettings(pool: PgPool): Promise<Record<string, string>> {
  const names = [
    "server_version",
    "shared_buffers",
    "work_mem",
    "maintenance_work_mem",
    "effective_cache_size",
    "max_parallel_workers_per_gather",
    "jit",
    "synchronous_commit",
    "autovacuum",
    "lc_collate",
  ];
  const { rows } = await pool.query<{ name: string; setting: string }>(
    "select name, current_setting(name) as setting from unnest($1::text[]) as name",
    [names],
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}

/** A database URL without its password, for logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}
