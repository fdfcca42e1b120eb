import { primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { flag, timestamp } from "./columns";
import { users } from "./users";

/** A user's choice for one beta feature of the catalogue (defined in @homebase/core). */
export const userBetaFeatures = sqliteTable(
  "user_beta_features",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    enabled: flag().notNull(),
    updatedAt: timestamp().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
