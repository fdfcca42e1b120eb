import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { teams } from "./teams";
import { users } from "./users";

/** A non-human member of one team: its API keys act for the team. */
export const serviceAccounts = sqliteTable(
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
