import type { Db } from "../client";

const statements = new WeakMap<object, Map<(db: Db) => unknown, unknown>>();

/**
 * The statement `build` makes, built by Drizzle and compiled by SQLite once per connection and
 * reused. Building and compiling a query on every call costs far more than running it (a few
 * hundred µs against ~10 µs for the reads behind every authenticated request: tooling/bench
 * http-auth), so hot paths run prepared statements with `sql.placeholder` parameters.
 * Placeholders in `where` conditions are bound without the column's encoder: pass timestamps as
 * milliseconds there.
 */
export function prepared<T>(db: Db, build: (db: Db) => T): T {
  let forDb = statements.get(db.$client);
  if (!forDb) {
    forDb = new Map();
    statements.set(db.$client, forDb);
  }
  let statement = forDb.get(build) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    forDb.set(build, statement);
  }
  return statement;
}
