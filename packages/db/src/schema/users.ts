import { sql } from "drizzle-orm";
import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, flag, id, timestamp } from "./columns";

export const users = sqliteTable(
  "users",
  {
    id: id(),
    /** Lower-case, 3–32 of a-z 0-9 - _. Freed again when the account is deleted. */
    username: text().notNull(),
    email: text().notNull(),
    emailVerified: flag().notNull().default(false),
    name: text().notNull().default(""),
    institution: text().notNull().default(""),
    bio: text().notNull().default(""),
    location: text().notNull().default(""),
    websiteUrl: text(),
    /** Content-addressed file name of the avatar under DATA_DIR/avatars, if any. */
    avatarKey: text(),
    introMarkdown: text().notNull().default(""),
    passwordHash: text().notNull(),
    isAdmin: flag().notNull().default(false),
    createdAt: createdAt(),
    deletedAt: timestamp(),
  },
  (t) => [
    // Live accounts own their username and e-mail; deleted ones give them back.
    uniqueIndex("users_username_live").on(t.username).where(sql`${t.deletedAt} is null`),
    uniqueIndex("users_email_live").on(t.email).where(sql`${t.deletedAt} is null`),
    index("users_created_at").on(t.createdAt),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
