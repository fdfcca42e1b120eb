import { type Column, Param, sql } from "drizzle-orm";
import type { Db } from "../client";
import { dialectOf } from "../dialect";
import { whenConnectionFree } from "./tx";

/** What Drizzle's `.prepare()` gives on either dialect (typed as SQLite's). */
interface PreparedStatement {
  all(placeholders?: Record<string, unknown>): unknown;
  get(placeholders?: Record<string, unknown>): unknown;
}

const statements = new WeakMap<object, Map<string, unknown>>();

/**
 * The statement `build` makes, built by Drizzle once per database and reused: building a query
 * on every call costs far more than running it (a few hundred µs against ~10 µs for the reads
 * behind every authenticated request: tooling/bench http-auth), so hot paths run prepared
 * statements with `sql.placeholder` parameters. `build` returns the unprepared query; run the
 * result with {@link runPrepared}.
 *
 * SQLite: compiled once per connection (the cache is keyed by the connection, so a transaction
 * on it shares the statements). PostgreSQL: a Drizzle named prepared statement (`name`, unique
 * per statement) cached per db object; node-postgres parses it once per pooled connection. Use
 * the transaction's handle inside a transaction, so that the statement runs on its connection.
 *
 * Placeholders in conditions are bound without the column's encoder: wrap them with
 * {@link columnPlaceholder} (timestamps then take a Date on both dialects).
 */
export function prepared<S extends PreparedStatement>(db: Db, name: string, build: (db: Db) => { prepare(): S }): S {
  const key: object = dialectOf(db) === "sqlite" ? db.$client : db;
  let forDb = statements.get(key);
  if (!forDb) {
    forDb = new Map();
    statements.set(key, forDb);
  }
  let statement = forDb.get(name) as S | undefined;
  if (statement === undefined) {
    // PostgreSQL's prepare takes the statement's name; SQLite's takes none and ignores it.
    statement = (build(db) as unknown as { prepare(name: string): S }).prepare(name);
    forDb.set(name, statement);
  }
  return statement;
}

type RowsOf<S extends PreparedStatement> =
  ReturnType<S["all"]> extends readonly unknown[] ? ReturnType<S["all"]> : never;

/**
 * Runs a prepared select (or insert/update/delete … returning) and returns its rows. On SQLite
 * synchronously when no other operation's transaction holds the connection (see tx.ts), so the
 * hot paths pay no extra turn of the event loop.
 */
export async function runPrepared<S extends PreparedStatement>(
  db: Db,
  statement: S,
  params: Record<string, unknown> = {},
): Promise<RowsOf<S>> {
  if (dialectOf(db) === "postgres") {
    return (statement as unknown as { execute(p: Record<string, unknown>): Promise<RowsOf<S>> }).execute(params);
  }
  return whenConnectionFree(db, () => statement.all(params) as RowsOf<S>);
}

/**
 * Runs a prepared single-row lookup and returns its first row, or undefined. On SQLite the
 * statement stops at the first row (`get`), which saves the extra step `all` takes to find the
 * end: a few µs on the lookups behind every authenticated request (tooling/bench http-auth).
 */
export async function runPreparedFirst<S extends PreparedStatement>(
  db: Db,
  statement: S,
  params: Record<string, unknown> = {},
): Promise<RowsOf<S>[number] | undefined> {
  if (dialectOf(db) === "postgres") {
    const rows = await (statement as unknown as { execute(p: Record<string, unknown>): Promise<RowsOf<S>> }).execute(
      params,
    );
    return rows[0];
  }
  return whenConnectionFree(db, () => statement.get(params) as RowsOf<S>[number] | undefined);
}

/**
 * A placeholder bound through `column`'s encoder, for conditions and raw SET expressions, where
 * Drizzle binds bare placeholders as they are: a Date becomes SQLite's milliseconds or
 * PostgreSQL's timestamptz text, a boolean SQLite's 0/1.
 */
export function columnPlaceholder(column: Column, name: string): Param {
  return new Param(sql.placeholder(name), column);
}
