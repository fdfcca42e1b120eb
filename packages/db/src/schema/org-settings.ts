import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { flag, singletonId, timestamp } from "./columns";

/**
 * The organisation's policy: a single row with id 1. A fresh install has no row, and starts
 * private: public projects and code saving are off until an admin turns them on.
 */
export const orgSettings = sqliteTable("org_settings", {
  id: singletonId(),
  allowPublicProjects: flag().notNull().default(false),
  allowCodeSaving: flag().notNull().default(false),
  /** The longest lifetime of a new API key, in days; null: keys may live forever. */
  maxApiKeyLifetimeDays: integer(),
  updatedAt: timestamp(),
});

export type OrgSettings = typeof orgSettings.$inferSelect;
