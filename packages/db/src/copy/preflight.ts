import { readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { count, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { getTableConfig as sqliteTableConfig } from "drizzle-orm/sqlite-core";
import { migrationsFolder, pgMigrationsFolder } from "../client";
import { CopyRefusedError } from "./errors";
import { columnSqlName, type PlannedTable } from "./plan";

/** What runs SQL on the PostgreSQL side: the copy's transaction (or the database itself). */
export type PgExecutor = Pick<NodePgDatabase, "execute" | "select">;

/** A migration level: how many migrations are recorded and the `when` (ms) of the latest one. */
interface MigrationLevel {
  count: number;
  latest: number;
}

/** This version's level for a migrations folder, from its meta/_journal.json. */
function journalLevel(folder: string): MigrationLevel {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return { count: journal.entries.length, latest: Math.max(0, ...journal.entries.map((e) => e.when)) };
}

function describeLevel(side: string, found: MigrationLevel | undefined, expected: MigrationLevel): string {
  if (!found || found.count === 0) return `The ${side} database has no migrations applied`;
  if (found.latest > expected.latest) {
    return `The ${side} database was migrated by a newer Homebase version (${found.count} migrations, this version knows ${expected.count})`;
  }
  return `The ${side} database is at migration ${found.count} of ${expected.count}`;
}

/**
 * Refuses unless both databases are at this version's latest migration (each dialect has its own
 * migrations folder, so "the same level" means: each at the latest of its folder, hence the same
 * schema). The SQLite level comes from `__drizzle_migrations`, PostgreSQL's from
 * `drizzle.__drizzle_migrations`; a level is the latest recorded `created_at` (the migration's
 * journal `when`, which is what Drizzle's migrator compares too).
 */
export async function checkMigrationLevels(source: Database.Database, target: PgExecutor): Promise<void> {
  const hasTable = source
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  const sourceLevel = hasTable
    ? (source
        .prepare("select count(*) as count, coalesce(max(created_at), 0) as latest from __drizzle_migrations")
        .get() as MigrationLevel | undefined)
    : undefined;
  const expectedSource = journalLevel(migrationsFolder());
  if (!sourceLevel || Number(sourceLevel.latest) !== expectedSource.latest) {
    throw new CopyRefusedError(
      "migration_level",
      `${describeLevel("source (SQLite)", sourceLevel, expectedSource)}: migrate it with this Homebase version first (npm run db:copy does)`,
    );
  }
  const { rows: found } = await target.execute<{ exists: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`,
  );
  const { rows } = found[0]?.exists
    ? await target.execute<{ count: string; latest: string | null }>(
        sql`select count(*) as count, max(created_at) as latest from drizzle.__drizzle_migrations`,
      )
    : { rows: [] };
  const targetLevel = rows[0] ? { count: Number(rows[0].count), latest: Number(rows[0].latest ?? 0) } : undefined;
  const expectedTarget = journalLevel(pgMigrationsFolder());
  if (!targetLevel || targetLevel.latest !== expectedTarget.latest) {
    throw new CopyRefusedError(
      "migration_level",
      `${describeLevel("target (PostgreSQL)", targetLevel, expectedTarget)}: migrate it with this Homebase version first (npm run db:copy does)`,
    );
  }
}

/**
 * Refuses when the two databases do not hold exactly this version's tables with exactly their
 * columns: a table (or column) on one side only would otherwise be skipped or fail midway.
 * Migration bookkeeping (`__drizzle_migrations`, `sqlite_*`) is not a Homebase table.
 */
export async function checkTables(source: Database.Database, target: PgExecutor, plan: PlannedTable[]): Promise<void> {
  const sourceColumns = new Map<string, string[]>();
  const names = source
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name <> '__drizzle_migrations'",
    )
    .pluck()
    .all() as string[];
  for (const name of names) {
    const info = source.prepare(`select name from pragma_table_info(?)`).pluck().all(name) as string[];
    sourceColumns.set(name, info);
  }
  const { rows } = await target.execute<{ table_name: string; column_name: string }>(sql`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`);
  const targetColumns = new Map<string, string[]>();
  for (const row of rows)
    targetColumns.set(row.table_name, [...(targetColumns.get(row.table_name) ?? []), row.column_name]);

  const problems: string[] = [];
  const known = new Set(plan.map((t) => t.name));
  for (const [side, tables] of [
    ["source", sourceColumns],
    ["target", targetColumns],
  ] as const) {
    const other = side === "source" ? targetColumns : sourceColumns;
    for (const name of [...tables.keys()].sort()) {
      if (known.has(name)) continue;
      problems.push(
        other.has(name)
          ? `table ${name} exists in both databases but is not a table of this Homebase version`
          : `table ${name} exists in the ${side} only`,
      );
    }
    for (const table of plan) {
      const columns = tables.get(table.name);
      if (!columns) {
        problems.push(
          `table ${table.name} is missing from the ${side}${other.has(table.name) ? ` (it exists in the ${side === "source" ? "target" : "source"} only)` : ""}`,
        );
        continue;
      }
      const expected = sqliteTableConfig(table.sqlite).columns.map(columnSqlName);
      const extra = columns.filter((c) => !expected.includes(c));
      const missing = expected.filter((c) => !columns.includes(c));
      if (extra.length > 0) problems.push(`${side} table ${table.name} has unknown columns: ${extra.join(", ")}`);
      if (missing.length > 0) problems.push(`${side} table ${table.name} lacks columns: ${missing.join(", ")}`);
    }
  }
  if (problems.length > 0) {
    throw new CopyRefusedError("schema_mismatch", `The databases' tables do not match: ${problems.join("; ")}`);
  }
}

/**
 * Refuses when any Homebase table of the target holds a row: the copy never merges into an
 * existing installation. Names the non-empty tables and their row counts.
 */
export async function checkTargetEmpty(target: PgExecutor, plan: PlannedTable[]): Promise<void> {
  const occupied: string[] = [];
  for (const table of plan) {
    const [row] = await target.select({ rows: count() }).from(table.pg);
    if (row && row.rows > 0) occupied.push(`${table.name} (${row.rows})`);
  }
  if (occupied.length > 0) {
    throw new CopyRefusedError(
      "target_not_empty",
      `The target database already holds Homebase data (${occupied.join(", ")}); db:copy only copies into an empty database and never merges. Use a new database, or drop and recreate this one.`,
    );
  }
}
