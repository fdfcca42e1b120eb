// Generated from ../schema/service-accounts.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { index, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { teams } from "./teams";
import { users } from "./users";

/** A non-human member of one team: its API keys act for the team. */
export const serviceAccounts = pgTable(
  "service_accounts",
  {
    id: text()
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    teamId: text()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text().notNull(),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("service_accounts_team_id").on(t.teamId)],
);

export type ServiceAccount = typeof serviceAccounts.$inferSelect;
