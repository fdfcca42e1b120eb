// Generated from ../schema/account-purges.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { pgTable, text } from "drizzle-orm/pg-core";
import { timestamp } from "./columns";

/**
 * Deleted accounts whose data the worker still has to purge. No foreign key: the row
 * outlives the user row it describes, and tells the sweeper what is left to do.
 */
export const accountPurges = pgTable("account_purges", {
  userId: text().primaryKey(),
  requestedAt: timestamp().notNull(),
  completedAt: timestamp(),
  /** The GitHub token to revoke, still encrypted; cleared once revoked. */
  githubTokenEncrypted: text(),
  avatarKey: text(),
  /**
   * The purge's lease: the worker job that claimed it (a random id per job run) and until when.
   * Free when null or past; see PURGE_LEASE_MS in queries/purge-lease.ts.
   */
  claimedBy: text(),
  claimedUntil: timestamp(),
});
