// Generated from ../schema/org-settings.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { integer, pgTable } from "drizzle-orm/pg-core";
import { flag, singletonId, timestamp } from "./columns";

/**
 * The organisation's policy: a single row with id 1. A fresh install has no row, and starts
 * private: public projects and code saving are off until an admin turns them on.
 */
export const orgSettings = pgTable("org_settings", {
  id: singletonId(),
  allowPublicProjects: flag().notNull().default(false),
  allowCodeSaving: flag().notNull().default(false),
  /** The longest lifetime of a new API key, in days; null: keys may live forever. */
  maxApiKeyLifetimeDays: integer(),
  updatedAt: timestamp(),
});

export type OrgSettings = typeof orgSettings.$inferSelect;
