import { boolean, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, timestamp } from "./columns";
import { users } from "./users";

/** Which alerts go to which channel. Absent row = the defaults (e-mail on, Slack off). */
export const alertSettings = pgTable("alert_settings", {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  runFinishedEmail: boolean().notNull().default(true),
  runFinishedSlack: boolean().notNull().default(false),
  runCrashedEmail: boolean().notNull().default(true),
  runCrashedSlack: boolean().notNull().default(false),
  scriptableEmail: boolean().notNull().default(true),
  scriptableSlack: boolean().notNull().default(false),
  storageEmail: boolean().notNull().default(true),
  storageSlack: boolean().notNull().default(false),
  updatedAt: timestamp(),
});

/** A user's Slack incoming webhook, encrypted with SECRET_KEY (AES-256-GCM). */
export const slackIntegrations = pgTable("slack_integrations", {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  webhookUrlEncrypted: text().notNull(),
  createdAt: createdAt(),
});
