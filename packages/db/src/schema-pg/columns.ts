import { bigint, timestamp as pgTimestamp, text } from "drizzle-orm/pg-core";

/** Primary keys are random UUIDs generated in the app, so rows can be created on any node. */
export const id = () =>
  text()
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

/**
 * Timestamps read as Date, like SQLite's `integer({ mode: "timestamp_ms" })`: `timestamptz(3)`
 * keeps the same millisecond precision, so a value written and read back is the same Date on
 * both dialects.
 */
export const timestamp = () => pgTimestamp({ withTimezone: true, mode: "date", precision: 3 });

export const createdAt = () =>
  timestamp()
    .notNull()
    .$defaultFn(() => new Date());

/**
 * Byte sizes and counts that can pass 2^31 - 1: `bigint` read as a JS number (exact up to
 * 2^53, far above any byte total or count stored here). SQLite's `integer` is 64-bit already.
 */
export const bigNumber = () => bigint({ mode: "number" });
