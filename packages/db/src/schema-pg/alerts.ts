// Generated from ../schema/alerts.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, flag, timestamp } from "./columns";
import { users } from "./users";

/** Which alerts go to which channel. Absent row = the defaults (e-mail on, Slack off). */
export const alertSettings = pgTable("alert_settings", {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  runFinishedEmail: flag().notNull().default(true),
  runFinishedSlack: flag().notNull().default(false),
  runCrashedEmail: flag().notNull().default(true),
  runCrashedSlack: flag().notNull().default(false),
  scriptableEmail: flag().notNull().default(true),
  scriptableSlack: flag().notNull().default(false),
  storageEmail: flag().notNull().default(true),
  storageSlack: flag().notNull().default(false),
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
