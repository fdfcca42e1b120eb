import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp } from "./columns";
import { users } from "./users";

/** Which alerts go to which channel. Absent row = the defaults (e-mail on, Slack off). */
export const alertSettings = sqliteTable("alert_settings", {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  runFinishedEmail: integer({ mode: "boolean" }).notNull().default(true),
  runFinishedSlack: integer({ mode: "boolean" }).notNull().default(false),
  runCrashedEmail: integer({ mode: "boolean" }).notNull().default(true),
  runCrashedSlack: integer({ mode: "boolean" }).notNull().default(false),
  scriptableEmail: integer({ mode: "boolean" }).notNull().default(true),
  scriptableSlack: integer({ mode: "boolean" }).notNull().default(false),
  storageEmail: integer({ mode: "boolean" }).notNull().default(true),
  storageSlack: integer({ mode: "boolean" }).notNull().default(false),
  updatedAt: timestamp(),
});

/** A user's Slack incoming webhook, encrypted with SECRET_KEY (AES-256-GCM). */
export const slackIntegrations = sqliteTable("slack_integrations", {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  webhookUrlEncrypted: text().notNull(),
  createdAt: createdAt(),
});
