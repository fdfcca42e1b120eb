// Generated from ../schema/teams.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { TEAM_ROLES } from "@homebase/core/vocabulary";
import { index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { entities } from "./entities";
import { users } from "./users";

/** A team is an entity (teams.id = entities.id) with members. */
export const teams = pgTable("teams", {
  id: text()
    .primaryKey()
    .references(() => entities.id, { onDelete: "cascade" }),
  displayName: text().notNull(),
  /** Users whose email ends in @allowedEmailDomain may join on their own. */
  allowedEmailDomain: text(),
  createdAt: createdAt(),
});

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: text()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text({ enum: TEAM_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_id").on(t.userId)],
);

export type Team = typeof teams.$inferSelect;
export type TeamRole = (typeof teamMembers.$inferSelect)["role"];
