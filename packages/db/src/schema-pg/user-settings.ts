// Generated from ../schema/user-settings.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { PROJECT_PRIVACIES } from "@homebase/core/vocabulary";
import { pgTable, text } from "drizzle-orm/pg-core";
import { flag, timestamp } from "./columns";
import { entities } from "./entities";
import { users } from "./users";

/** A user's defaults for new projects and runs, and profile visibility. Absent row = all defaults. */
export const userSettings = pgTable("user_settings", {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Chosen default entity; null = derived (the single team, else the personal entity). */
  defaultEntityId: text().references(() => entities.id, { onDelete: "set null" }),
  defaultProjectPrivacy: text({ enum: PROJECT_PRIVACIES }).notNull().default("private"),
  codeSavingEnabled: flag().notNull().default(false),
  hideTeamsInProfile: flag().notNull().default(false),
  updatedAt: timestamp(),
});
