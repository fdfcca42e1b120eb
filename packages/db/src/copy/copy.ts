import type Database from "better-sqlite3";
import { and, count, eq, getTableColumns, gt, type SQL, sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgColumn } from "drizzle-orm/pg-core";
import { type SQLiteColumn, type SQLiteTable, getTableConfig as sqliteTableConfig } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { dialectOf } from "../dialect";
import { CopyFailedError, CopyRefusedError, CopyVerificationError } from "./errors";
import { columnSqlName, homebaseTables, type PlannedTable, planCopy } from "./plan";
import { checkMigrationLevels, checkTables, checkTargetEmpty, type PgExecutor } from "./preflight";

export interface CopyOptions {
  /** Rows read and inserted per statement (default 500; lowered per table to stay under PostgreSQL's 65 535 parameters). */
  batchSize?: number;
  /**
   * Told after each batch: the table's SQL name, rows copied so far and the table's total.
   * Every table reports at least once (an empty one as 0 of 0); its last report has copied = total.
   */
  onProgress?: (table: string, copied: number, total: number) => void;
}

export interface CopyResult {
  /** Every Homebase table in the order it was copied (parents before children), with its row count. */
  tables: { name: string; rows: number }[];
}

type Row = Record<string, unknown>;
type PgDb = NodePgDatabase<Record<string, unknown>>;
export type PgTx = Parameters<Parameters<PgDb["transaction"]>[0]>[0];

const DEFAULT_BATCH_SIZE = 500;
/** PostgreSQL's limit of bind parameters in one statement (a 16-bit count). */
const MAX_PG_PARAMETERS = 65_535;

/**
 * Copies every Homebase table of a SQLite database into an empty PostgreSQL database of the same
 * migration level, all or nothing.
 *
 * - Order: parents before children, from the foreign keys (see planCopy); a nullable foreign key
 *   that closes a cycle is filled in by an update after all rows are in.
 * - Rows are read through the SQLite Drizzle tables (so as JS values: Date, boolean, number,
 *   string) in primary-key order, keyset-paginated, inside one SQLite read transaction (a
 *   consistent snapshot even if an app still writes; stop the apps first so that no later write
 *   is left behind), and inserted through the matching PostgreSQL tables in batches.
 * - Everything on PostgreSQL happens in ONE transaction, which first takes EXCLUSIVE locks on
 *   every Homebase table (reads by others continue, writes wait), so the target is either fully
 *   copied or untouched. Identity sequences (storage_objects.id) are moved past the highest
 *   copied key and SQLite's AUTOINCREMENT high-water mark, so new rows never reuse an id.
 * - Verification: each target table's row count must equal the source's, else the transaction
 *   is rolled back.
 *
 * @param from an open SQLite database (openDb / openDatabase with a file: URL); only read.
 * @param to an open PostgreSQL database (openDatabase with a postgres:// URL).
 * @throws CopyRefusedError before writing anything: wrong dialects, a database not at this
 *   version's latest migration, tables or columns on one side only, or a target holding rows.
 * @throws CopyVerificationError when the row counts differ after copying (rolled back).
 * @throws CopyFailedError when PostgreSQL rejects an insert (e.g. a unique violation; rolled back).
 */
export async function copyDatabase(from: Db, to: Db, options: CopyOptions = {}): Promise<CopyResult> {
  if (dialectOf(from) !== "sqlite") throw new CopyRefusedError("wrong_dialect", "The source must be a SQLite database");
  if (dialectOf(to) !== "postgres")
    throw new CopyRefusedError("wrong_dialect", "The target must be a PostgreSQL database");
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const plan = planCopy(homebaseTables());
  const source: Database.Database = from.$client;
  const pgDb = to as unknown as PgDb;

  // A deferred read transaction: every read below sees the same snapshot (WAL keeps it).
  const ownSnapshot = !source.inTransaction;
  if (ownSnapshot) source.exec("begin");
  try {
    await checkMigrationLevels(source, pgDb);
    await checkTables(source, pgDb, plan);
    return await pgDb.transaction(async (tx) => {
      await tx.execute(
        sql`lock table ${sql.join(
          plan.map((t) => sql.identifier(t.name)),
          sql`, `,
        )} in exclusive mode`,
      );
      await checkTargetEmpty(tx, plan);
      return copyTables(from, tx, plan, batchSize, options.onProgress);
    });
  } finally {
    if (ownSnapshot && source.inTransaction) source.exec("commit");
  }
}

/**
 * The copy proper, inside the caller's PostgreSQL transaction and SQLite snapshot, without the
 * preflight checks: inserts every planned table in order, fills deferred foreign keys, advances
 * identity sequences and verifies the row counts. Exported for tests of plans the Homebase schema
 * does not have (cycles); use {@link copyDatabase}.
 *
 * @throws CopyVerificationError when a target table's count differs from the source's.
 */
export async function copyTables(
  from: Db,
  tx: PgTx,
  plan: PlannedTable[],
  batchSize: number,
  onProgress?: CopyOptions["onProgress"],
): Promise<CopyResult> {
  const totals = new Map<string, number>();
  for (const table of plan) {
    const [row] = (from as unknown as BetterSQLite3Database).select({ rows: count() }).from(table.sqlite).all();
    totals.set(table.name, row?.rows ?? 0);
  }
  const result: CopyResult = { tables: [] };
  for (const table of plan) {
    const rows = await copyTable(from, tx, table, batchSize, totals.get(table.name) ?? 0, onProgress);
    result.tables.push({ name: table.name, rows });
  }
  for (const table of plan) {
    if (table.deferredKeys.length > 0) await fillDeferred(from, tx, table, batchSize);
  }
  await advanceSequences(from.$client, tx, plan);
  await verifyCounts(tx, plan, totals, result);
  return result;
}

/** Inserts every row of one table (deferred keys as null); returns the number of rows copied. */
async function copyTable(
  from: Db,
  tx: PgTx,
  table: PlannedTable,
  batchSize: number,
  total: number,
  onProgress: CopyOptions["onProgress"],
): Promise<number> {
  const columnCount = sqliteTableConfig(table.sqlite).columns.length;
  const size = Math.max(1, Math.min(batchSize, Math.floor(MAX_PG_PARAMETERS / columnCount)));
  const nulls = Object.fromEntries(table.deferredKeys.map((key) => [key, null]));
  let copied = 0;
  for (const rows of readBatches(from, table.sqlite, size)) {
    const values = table.deferredKeys.length > 0 ? rows.map((row) => ({ ...row, ...nulls })) : rows;
    try {
      await tx.insert(table.pg).values(values);
    } catch (error) {
      throw new CopyFailedError(table.name, copied, rows.length, error);
    }
    copied += rows.length;
    onProgress?.(table.name, copied, total);
  }
  if (copied === 0) onProgress?.(table.name, 0, total);
  return copied;
}

/**
 * The rows of a SQLite table in primary-key order, `size` at a time, by keyset pagination
 * (`where (pk…) > (last pk…)`, which SQLite answers from the primary-key index, unlike OFFSET).
 */
function* readBatches(from: Db, table: SQLiteTable, size: number): Generator<Row[]> {
  const key = primaryKeyOf(table);
  const sqliteDb = from as unknown as BetterSQLite3Database;
  let last: Row | undefined;
  for (;;) {
    const rows = sqliteDb
      .select()
      .from(table)
      .where(last ? after(key, last) : undefined)
      .orderBy(...key.map(([, column]) => column))
      .limit(size)
      .all() as Row[];
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    last = rows[rows.length - 1];
  }
}

/** The primary-key columns of a SQLite table as [row key, column] pairs, in key order. */
function primaryKeyOf(table: SQLiteTable): [string, SQLiteColumn][] {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const single = columns.filter(([, column]) => column.primary);
  if (single.length > 0) return single;
  const composite = sqliteTableConfig(table).primaryKeys[0];
  if (!composite) throw new Error(`Table ${sqliteTableConfig(table).name} has no primary key: cannot copy it in order`);
  return composite.columns.map((column) => {
    const entry = columns.find(([, c]) => c === column);
    if (!entry) throw new Error(`Primary-key column ${column.name} not found in its table`);
    return entry;
  });
}

/** `(pk1, pk2, …) > (v1, v2, …)` for the last row read, each value encoded by its column (Date → ms). */
function after(key: [string, SQLiteColumn][], last: Row): SQL {
  if (key.length === 1) {
    const [name, column] = key[0] as [string, SQLiteColumn];
    return gt(column, last[name]) as SQL;
  }
  const columns = sql.join(
    key.map(([, column]) => column),
    sql`, `,
  );
  const values = sql.join(
    key.map(([name, column]) => sql.param(last[name], column)),
    sql`, `,
  );
  return sql`(${columns}) > (${values})`;
}

/** Sets the deferred foreign-key columns of a table to their source values, row by row. */
async function fillDeferred(from: Db, tx: PgTx, table: PlannedTable, batchSize: number): Promise<void> {
  const pgColumns = getTableColumns(table.pg) as Record<string, PgColumn>;
  const key = primaryKeyOf(table.sqlite);
  let done = 0;
  for (const rows of readBatches(from, table.sqlite, batchSize)) {
    for (const row of rows) {
      done++;
      if (table.deferredKeys.every((k) => row[k] === null)) continue;
      const values = Object.fromEntries(table.deferredKeys.map((k) => [k, row[k]]));
      const where = and(...key.map(([name]) => eq(pgColumns[name] as PgColumn, row[name])));
      try {
        await tx.update(table.pg).set(values).where(where);
      } catch (error) {
        throw new CopyFailedError(table.name, done - 1, 1, error);
      }
    }
  }
}

/**
 * Moves each identity sequence past the highest key copied and SQLite's AUTOINCREMENT
 * high-water mark (sqlite_sequence, which remembers ids of deleted rows too), so that the next
 * PostgreSQL insert takes a new id, as SQLite would have.
 */
async function advanceSequences(source: Database.Database, tx: PgTx, plan: PlannedTable[]): Promise<void> {
  const hasSequences = source.prepare("select 1 from sqlite_master where name = 'sqlite_sequence'").get();
  for (const table of plan) {
    for (const column of Object.values(getTableColumns(table.pg)) as PgColumn[]) {
      if (!column.generatedIdentity) continue;
      const seen = hasSequences
        ? Number(source.prepare("select seq from sqlite_sequence where name = ?").pluck().get(table.name) ?? 0)
        : 0;
      const name = columnSqlName(column);
      const { rows } = await tx.execute<{ max: string | null }>(
        sql`select max(${sql.identifier(name)})::text as max from ${sql.identifier(table.name)}`,
      );
      const highest = Math.max(seen, Number(rows[0]?.max ?? 0));
      if (highest < 1) continue;
      await tx.execute(sql`select setval(pg_get_serial_sequence(${`"${table.name}"`}, ${name}), ${highest}, true)`);
    }
  }
}

/** Rolls the copy back unless every target table holds exactly the source's row count. */
async function verifyCounts(tx: PgExecutor, plan: PlannedTable[], totals: Map<string, number>, result: CopyResult) {
  const wrong: string[] = [];
  for (const [index, table] of plan.entries()) {
    const [row] = await tx.select({ rows: count() }).from(table.pg);
    const expected = totals.get(table.name) ?? 0;
    const copied = result.tables[index]?.rows ?? 0;
    if (row?.rows !== expected || copied !== expected) {
      wrong.push(`${table.name}: source ${expected}, read ${copied}, target ${row?.rows}`);
    }
  }
  if (wrong.length > 0) {
    throw new CopyVerificationError(`Row counts differ after copying (rolled back): ${wrong.join("; ")}`);
  }
}
