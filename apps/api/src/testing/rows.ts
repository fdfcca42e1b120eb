import { type Db, dialectOf, tables } from "@homebase/db";
import { count, is, type SQL, sql, Table } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

/**
 * How many rows of `table` (one of `tables(db)`) match `where`, on either dialect. For checks
 * of what was stored when no query function answers the question.
 */
export async function countRows(db: Db, table: SQLiteTable, where?: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
}

/**
 * Every row of every Homebase table as JSON text, on either dialect: for checks that a secret
 * was stored nowhere (only its digest or ciphertext).
 */
export async function storedText(db: Db): Promise<string> {
  const dump: Record<string, unknown[]> = {};
  for (const [name, table] of Object.entries(tables(db))) {
    if (!is(table, Table)) continue;
    dump[name] = await db.select().from(table as SQLiteTable);
  }
  return JSON.stringify(dump);
}

/**
 * Counts from now on the UPDATE statements that write `column` of `table` (SQL names), one per
 * row written, and returns a function that reads the count: for checks that a hot path writes
 * rarely. A trigger does the counting, so it sees every write whichever code makes it; triggers
 * are DDL the query builder cannot express, hence each dialect's SQL here (test
 * instrumentation only, on names of the caller's choosing).
 */
export async function countWrites(db: Db, table: string, column: string): Promise<() => Promise<number>> {
  const log = `test_writes_${table}_${column}`;
  if (dialectOf(db) === "postgres") {
    const pg = db as unknown as NodePgDatabase;
    await pg.execute(sql.raw(`create table "${log}" (n integer)`));
    await pg.execute(
      sql.raw(`create function "${log}"() returns trigger language plpgsql as $$
        begin insert into "${log}" values (1); return null; end $$`),
    );
    await pg.execute(
      sql.raw(`create trigger "${log}" after update of "${column}" on "${table}"
        for each row execute function "${log}"()`),
    );
    return async () => {
      const { rows } = await pg.execute<{ n: number }>(sql.raw(`select count(*)::int as n from "${log}"`));
      return rows[0]?.n ?? 0;
    };
  }
  db.run(sql.raw(`create table "${log}" (n integer)`));
  db.run(
    sql.raw(`create trigger "${log}" after update of "${column}" on "${table}"
      begin insert into "${log}" values (1); end`),
  );
  return async () => db.get<{ n: number }>(sql.raw(`select count(*) as n from "${log}"`))?.n ?? 0;
}
