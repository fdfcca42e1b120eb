// Generated from ../schema/api-keys.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { API_KEY_REVOKED_REASONS, API_KEY_SCOPES } from "@homebase/core/vocabulary";
import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, timestamp } from "./columns";
import { serviceAccounts } from "./service-accounts";
import { users } from "./users";

export {
  API_KEY_REVOKED_REASONS,
  API_KEY_SCOPES,
  type ApiKeyRevokedReason,
  type ApiKeyScope,
} from "@homebase/core/vocabulary";

/**
 * API keys. The primary key is the public key ID; only a SHA-256 digest of the secret is kept.
 * A key belongs to a user or to a service account. Deleting a key deletes its row; a key
 * revoked for another reason (rotated, reported as leaked) stays, marked with why and when.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text().primaryKey(),
    name: text().notNull(),
    userId: text().references(() => users.id, { onDelete: "cascade" }),
    serviceAccountId: text().references(() => serviceAccounts.id, { onDelete: "cascade" }),
    secretDigest: text().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp(),
    /** `read`: GET requests and GraphQL queries only. */
    scope: text({ enum: API_KEY_SCOPES }).notNull().default("full"),
    /** After this instant the key is refused (401, "expired"); null: never. */
    expiresAt: timestamp(),
    revokedAt: timestamp(),
    revokedReason: text({ enum: API_KEY_REVOKED_REASONS }),
    /** When the "expires in 7 days" reminder was sent; set before sending, so it goes once. */
    expiryReminderSentAt: timestamp(),
    /** When the "expires today" notice was sent. */
    expiryNoticeSentAt: timestamp(),
  },
  (t) => [
    index("api_keys_user_id").on(t.userId, t.createdAt),
    index("api_keys_service_account_id").on(t.serviceAccountId),
    // The reminder schedule's query: keys by expiry.
    index("api_keys_expires_at").on(t.expiresAt),
    check("api_keys_one_owner", sql`(${t.userId} is null) <> (${t.serviceAccountId} is null)`),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;

/**
 * The last few client addresses a key was used from, with the user agent and the last use: at
 * most one write a minute per key and address. A key's first use from a new address e-mails
 * its owner.
 */
export const apiKeyAddresses = pgTable(
  "api_key_addresses",
  {
    keyId: text()
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    address: text().notNull(),
    userAgent: text(),
    firstUsedAt: timestamp().notNull(),
    lastUsedAt: timestamp().notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.address] }), index("api_key_addresses_recent").on(t.keyId, t.lastUsedAt)],
);
