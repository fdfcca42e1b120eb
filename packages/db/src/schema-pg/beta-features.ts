import { boolean, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestamp } from "./columns";
import { users } from "./users";

/** A user's choice for one beta feature of the catalogue (defined in @homebase/core). */
export const userBetaFeatures = pgTable(
  "user_beta_features",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    enabled: boolean().notNull(),
    updatedAt: timestamp().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
