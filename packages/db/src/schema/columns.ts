import { integer, text } from "drizzle-orm/sqlite-core";

/**
 * The SQLite column helpers. Every column type whose SQL differs between the dialects has a
 * helper here and one of the same name and JS type in ../schema-pg/columns.ts; the table files
 * use the helpers (plus `text()`, `integer()` for values under 2^31, and the index and
 * constraint builders, which mean the same on both), so that scripts/emit-pg-schema.ts can turn
 * each of them into its PostgreSQL twin by renaming `sqliteTable` to `pgTable`.
 */

/** Primary keys are random UUIDs generated in the app, so rows can be created on any node. */
export const id = () =>
  text()
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

/** Timestamps are stored as milliseconds since the epoch and read as Date. */
export const timestamp = () => integer({ mode: "timestamp_ms" });

export const createdAt = () =>
  timestamp()
    .notNull()
    .$defaultFn(() => new Date());

/** A boolean, stored as 0 or 1 (PostgreSQL: `boolean`). */
export const flag = () => integer({ mode: "boolean" });

/**
 * Byte sizes, counts and keys that can pass 2^31 - 1: SQLite's `integer` is 64-bit already
 * (PostgreSQL: `bigint` read as a JS number).
 */
export const bigNumber = () => integer();

/**
 * An integer primary key the database numbers itself, never reusing a number (AUTOINCREMENT;
 * PostgreSQL: a `bigint` identity). Inserts omit it.
 */
export const autoIncrementId = () => integer().primaryKey({ autoIncrement: true });

/**
 * The key of a single-row table, always 1. `integer primary key` is SQLite's rowid, so inserts
 * may omit it and the first row gets 1 (PostgreSQL: a JS-side default of 1).
 */
export const singletonId = () => integer().primaryKey();
