import { integer, text } from "drizzle-orm/sqlite-core";

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
