// Generated from ../schema/beta-features.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { flag, timestamp } from "./columns";
import { users } from "./users";

/** A user's choice for one beta feature of the catalogue (defined in @homebase/core). */
export const userBetaFeatures = pgTable(
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
