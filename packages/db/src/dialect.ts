import type { Db } from "./client";
import * as sqliteSchema from "./schema";
import * as pgSchema from "./schema-pg";

/** The SQL engine behind a {@link Db}: the embedded SQLite file (default) or a PostgreSQL server. */
export type Dialect = "sqlite" | "postgres";

/**
 * The schema module of each dialect: same export names and same TypeScript row shapes. The
 * tables are defined once, in ./schema; ./schema-pg is generated from it.
 */
export type Tables = typeof sqliteSchema;

const dialects = new WeakMap<object, Dialect>();

/**
 * Records which dialect a db object speaks; called by openDb/openDatabase right after the
 * Drizzle instance is made. Internal to the package.
 */
export function markDialect(db: object, dialect: Dialect): void {
  dialects.set(db, dialect);
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
 * names, JS row shapes (Date timestamps, booleans, numbers, parsed JSON) and constraints: the
 * PostgreSQL table files are generated from the SQLite ones (scripts/emit-pg-schema.ts), the
 * dialects differing only in their columns.ts helpers, and schema-agreement.test.ts checks both
 * the generated files and the agreement; what differs (pg-core vs sqlite-core classes) only
 * matters to Drizzle internally, which dispatches on the db object and not on the static type.
 */
export function tables(db: Db): Tables {
  return dialectOf(db) === "postgres" ? (pgSchema as unknown as Tables) : sqliteSchema;
}

// Compile-time half of the agreement: every table of each dialect exists in the other with the
// same select and insert row types (a mismatch makes `rowShapesAgree` fail to type-check).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type TableNames = {
  [K in keyof Tables]: Tables[K] extends { $inferSelect: unknown } ? K : never;
}[keyof Tables];
type PgTables = typeof pgSchema;
type RowShapesAgree = {
  [K in TableNames]: K extends keyof PgTables
    ? PgTables[K] extends { $inferSelect: infer S; $inferInsert: infer I }
      ? Equal<S, Tables[K]["$inferSelect"]> extends true
        ? Equal<I, Tables[K]["$inferInsert"]>
        : false
      : false
    : false;
};
const rowShapesAgree: { [K in TableNames]: true } = {} as RowShapesAgree;
void rowShapesAgree;
const sameExports: Equal<keyof PgTables, keyof Tables> = true;
void sameExports;
