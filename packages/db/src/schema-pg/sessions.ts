// Generated from ../schema/sessions.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, timestamp } from "./columns";
import { users } from "./users";

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 (hex) of the 256-bit token held by the browser. The token itself is never stored. */
    tokenHash: text().primaryKey(),
    /** The session's public id (GET /me/sessions, DELETE /me/sessions/:id); not a secret. */
    id: text()
      .notNull()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp().notNull(),
    /** Sliding expiry: last use + the idle timeout. */
    expiresAt: timestamp().notNull(),
    userAgent: text(),
    /** The client address the session was created from. */
    address: text(),
  },
  (t) => [
    index("sessions_user_id").on(t.userId),
    index("sessions_expires_at").on(t.expiresAt),
    uniqueIndex("sessions_id").on(t.id),
  ],
);

export type Session = typeof sessions.$inferSelect;
