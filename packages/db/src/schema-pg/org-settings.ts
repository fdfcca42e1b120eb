import { boolean, integer, pgTable } from "drizzle-orm/pg-core";
import { timestamp } from "./columns";

/**
 * The organisation's policy: a single row with id 1. A fresh install has no row, and starts
 * private: public projects and code saving are off until an admin turns them on.
 */
export const orgSettings = pgTable("org_settings", {
  /**
   * Always 1. SQLite's `integer primary key` is the rowid, so Drizzle lets inserts omit it (and
   * the first row gets 1); the JS-side default gives PostgreSQL the same insert type and value.
   */
  id: integer()
    .primaryKey()
    .$defaultFn(() => 1),
  allowPublicProjects: boolean().notNull().default(false),
  allowCodeSaving: boolean().notNull().default(false),
  /** The longest lifetime of a new API key, in days; null: keys may live forever. */
  maxApiKeyLifetimeDays: integer(),
  updatedAt: timestamp(),
});

export type OrgSettings = typeof orgSettings.$inferSelect;
