// Generated from ../schema/team-purges.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { pgTable, text } from "drizzle-orm/pg-core";
import { timestamp } from "./columns";
import { teams } from "./teams";

/**
 * Teams an organisation admin deleted whose data the worker still has to purge, with the
 * purge's lease (as account_purges). Teams deleted with their only member's account have no row:
 * they are part of that account's purge. The row goes with the team at the purge's last step.
 */
export const teamPurges = pgTable("team_purges", {
  teamId: text()
    .primaryKey()
    .references(() => teams.id, { onDelete: "cascade" }),
  requestedAt: timestamp().notNull(),
  /** The worker job that claimed the purge and until when; free when null or past. */
  claimedBy: text(),
  claimedUntil: timestamp(),
});
