// Generated from ../schema/user-tokens.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { USER_TOKEN_PURPOSES } from "@homebase/core/vocabulary";
import { index, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, timestamp } from "./columns";
import { users } from "./users";

export { USER_TOKEN_PURPOSES, type UserTokenPurpose } from "@homebase/core/vocabulary";

/**
 * Single-use tokens sent by e-mail: an address's verification link (valid 24 h) and a password
 * reset link (valid 1 h). Only the SHA-256 of the token is stored; the e-mail holds the token.
 */
export const userTokens = pgTable(
  "user_tokens",
  {
    tokenHash: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text({ enum: USER_TOKEN_PURPOSES }).notNull(),
    /** The address the token was sent to: for verify_email, the address it verifies (maybe a new one). */
    email: text().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp().notNull(),
    usedAt: timestamp(),
  },
  (t) => [index("user_tokens_user_purpose").on(t.userId, t.purpose), index("user_tokens_expires").on(t.expiresAt)],
);

export type UserToken = typeof userTokens.$inferSelect;
