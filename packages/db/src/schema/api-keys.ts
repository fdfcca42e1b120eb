import { sql } from "drizzle-orm";
import { check, index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp } from "./columns";
import { serviceAccounts } from "./service-accounts";
import { users } from "./users";

/**
 * API keys. The primary key is the public key ID; only a SHA-256 digest of the secret is kept.
 * A key belongs to a user or to a service account. Deleting a key deletes its row.
 */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text().primaryKey(),
    name: text().notNull(),
    userId: text().references(() => users.id, { onDelete: "cascade" }),
    serviceAccountId: text().references(() => serviceAccounts.id, { onDelete: "cascade" }),
    secretDigest: text().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp(),
  },
  (t) => [
    index("api_keys_user_id").on(t.userId, t.createdAt),
    index("api_keys_service_account_id").on(t.serviceAccountId),
    check("api_keys_one_owner", sql`(${t.userId} is null) <> (${t.serviceAccountId} is null)`),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
