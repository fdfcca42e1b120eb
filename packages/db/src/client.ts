import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDbOptions {
  /** Path of the SQLite file; its folder is created when missing. */
  file: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
}

/**
 * The migrations folder, found by package resolution so that it is found the same way
 * from source (tsx), from tests and from a bundled server that keeps this package external.
 */
export function migrationsFolder(): string {
  const require = createRequire(import.meta.url);
  return dirname(dirname(require.resolve("@homebase/db/migrations")));
}

/** Opens the database with WAL, foreign keys and a busy timeout, and migrates it. */
export function openDb(options: OpenDbOptions): Db {
  if (!options.readonly) mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file, { readonly: options.readonly ?? false });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle({ client: sqlite, schema, casing: "snake_case" }) as Db;
  if (options.migrate ?? true) migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

export function closeDb(db: Db): void {
  if (db.$client.open) db.$client.close();
}

/** Cheap liveness probe used by /readyz. */
export async function pingDb(db: Db): Promise<void> {
  db.$client.prepare("select 1").get();
}
