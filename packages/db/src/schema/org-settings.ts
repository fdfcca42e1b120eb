import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { timestamp } from "./columns";

/** The organisation's policy: a single row with id 1. */
export const orgSettings = sqliteTable("org_settings", {
  id: integer().primaryKey(),
  allowPublicProjects: integer({ mode: "boolean" }).notNull().default(true),
  allowCodeSaving: integer({ mode: "boolean" }).notNull().default(true),
  updatedAt: timestamp(),
});

export type OrgSettings = typeof orgSettings.$inferSelect;
