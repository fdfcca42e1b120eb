import { PROJECT_PRIVACIES } from "@homebase/core/vocabulary";
import { boolean, pgTable, text } from "drizzle-orm/pg-core";
import { timestamp } from "./columns";
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
  codeSavingEnabled: boolean().notNull().default(false),
  hideTeamsInProfile: boolean().notNull().default(false),
  updatedAt: timestamp(),
});
