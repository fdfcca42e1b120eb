import { type Db, tables } from "@homebase/db";
import { count, getTableColumns, is, or, sql, Table } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

/**
 * How many rows, over every table of the schema, hold `id` in some column (compared as text):
 * 0 once a purge has left nothing of a user, team or run behind. Either dialect.
 */
export async function rowsMentioning(db: Db, id: string): Promise<number> {
  let n = 0;
  for (const table of Object.values(tables(db))) {
    if (!is(table, Table)) continue;
    const columns = Object.values(getTableColumns(table));
    // Typed as SQLite like everything `tables(db)` returns (see there why that is sound).
    const [row] = await db
      .select({ n: count() })
      .from(table as unknown as SQLiteTable)
      .where(or(...columns.map((column) => sql`cast(${column} as text) = ${id}`)));
    n += row?.n ?? 0;
  }
  return n;
}
