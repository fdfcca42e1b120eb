// Generated from ../schema/integrations.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { index, pgTable, text } from "drizzle-orm/pg-core";
import { bigNumber, createdAt, timestamp } from "./columns";
import { users } from "./users";

/** A user's GitHub connection; the token is encrypted with SECRET_KEY (AES-256-GCM). */
export const githubConnections = pgTable("github_connections", {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  login: text().notNull(),
  githubId: bigNumber().notNull(),
  avatarUrl: text(),
  scopes: text().notNull().default(""),
  tokenEncrypted: text().notNull(),
  connectedAt: createdAt(),
});

/** Single-use OAuth `state` values, stored as digests and bound to the session that asked. */
export const oauthStates = pgTable(
  "oauth_states",
  {
    stateHash: text().primaryKey(),
    sessionTokenHash: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text({ enum: ["github"] }).notNull(),
    expiresAt: timestamp().notNull(),
  },
  (t) => [index("oauth_states_expires").on(t.expiresAt)],
);
