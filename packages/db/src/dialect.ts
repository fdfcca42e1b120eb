import type { Db } from "./client";
import * as sqliteSchema from "./schema";

/** The SQL engine behind a {@link Db}: the embedded SQLite file (default) or a PostgreSQL server. */
export type Dialect = "sqlite" | "postgres";

/** The schema module of each dialect: same export names and same TypeScript row shapes. */
export type Tables = typeof sqliteSchema;

const dialects = new WeakMap<object, Dialect>();
let pgTables: Tables | undefined;

/**
 * Records which dialect a db object speaks; called by openDb/openDatabase right after the
 * Drizzle instance is made. Internal to the package.
 */
export function markDialect(db: object, dialect: Dialect): void {
  dialects.set(db, dialect);
}

/**
 * Registers the PostgreSQL schema module (done by client.ts, which imports schema-pg), so that
 * this module does not have to import pg-core for SQLite-only callers. Internal to the package.
 */
export function registerPgTables(schema: Tables): void {
  pgTables = schema;
}

/** The dialect of `db`; a db that was not opened by openDb/openDatabase counts as "sqlite". */
export function dialectOf(db: Db): Dialect {
  return dialects.get(db) ?? "sqlite";
}

/**
 * The table objects of `db`'s dialect, for query functions written once against the Drizzle
 * query builder: `const { users } = tables(db)`.
 *
 * The PostgreSQL module (schema-pg) is returned typed as the SQLite one. That cast is sound for
 * the query builder's purposes because both modules export the same names with the same column
 * names, JS row shapes (Date timestamps, booleans, numbers, parsed JSON) and constraints, which
 * schema-agreement.test.ts enforces; what differs (pg-core vs sqlite-core classes) only matters
 * to Drizzle internally, which dispatches on the db object and not on the static type.
 *
 * Throws an Error when `db` is PostgreSQL and the PostgreSQL schema is not loaded.
 */
export function tables(db: Db): Tables {
  if (dialectOf(db) === "sqlite") return sqliteSchema;
  if (!pgTables) throw new Error("tables(db): the PostgreSQL schema (schema-pg) is not loaded");
  return pgTables;
}
