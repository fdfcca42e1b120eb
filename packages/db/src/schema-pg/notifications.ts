// Generated from ../schema/notifications.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import {
  ALERT_LEVELS,
  CHANNELS,
  DELIVERY_STATUSES,
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
} from "@homebase/core/vocabulary";
import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, timestamp } from "./columns";
import { runs } from "./runs";
import { users } from "./users";

export {
  ALERT_LEVELS,
  type AlertLevel,
  CHANNELS,
  type Channel,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from "@homebase/core/vocabulary";

/**
 * The outbox: every alert-worthy event for one recipient, written in the same transaction as
 * the change that caused it. The idempotency key makes the same event impossible to record twice.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text({ enum: NOTIFICATION_KINDS }).notNull(),
    idempotencyKey: text().notNull(),
    title: text().notNull(),
    text: text().notNull(),
    level: text({ enum: ALERT_LEVELS }).notNull().default("INFO"),
    runId: text().references(() => runs.id, { onDelete: "cascade" }),
    /** Link to the thing the notification is about, absolute. */
    url: text(),
    /** "throttled" scriptable alerts are recorded but sent nowhere. */
    status: text({ enum: NOTIFICATION_STATUSES }).notNull().default("queued"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("notifications_idempotency_key").on(t.idempotencyKey),
    index("notifications_user_created").on(t.userId, t.createdAt),
    index("notifications_run_title").on(t.runId, t.title, t.createdAt),
  ],
);

/** One row per channel a notification goes to; its id is also the BullMQ job id. */
export const deliveries = pgTable(
  "deliveries",
  {
    id: id(),
    notificationId: text()
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channel: text({ enum: CHANNELS }).notNull(),
    status: text({ enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    createdAt: createdAt(),
    /** When the delivery is next due (creation, then each retry); the sweeper re-enqueues overdue ones. */
    dueAt: timestamp().notNull(),
    sentAt: timestamp(),
  },
  (t) => [
    index("deliveries_status_due").on(t.status, t.dueAt),
    index("deliveries_user_created").on(t.userId, t.createdAt),
    index("deliveries_notification").on(t.notificationId),
  ],
);

export type Notification = typeof notifications.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
