import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";
import type { AlertLevel, alertSettings, Channel, NotificationKind } from "../schema";
import { columnPlaceholder, prepared, runPrepared } from "./prepared";
import { type Tx, transaction } from "./tx";

export interface NotificationInput {
  userId: string;
  kind: NotificationKind;
  idempotencyKey: string;
  title: string;
  text: string;
  level?: AlertLevel;
  runId?: string | null;
  url?: string | null;
  now: Date;
}

export interface Recorded {
  notificationId: string | null;
  deliveryIds: string[];
}

type SettingsRow = typeof alertSettings.$inferSelect;
const SETTING_PREFIX: Record<Exclude<NotificationKind, "test">, string> = {
  run_finished: "runFinished",
  run_crashed: "runCrashed",
  scriptable: "scriptable",
  storage: "storage",
};

/** The channels a recipient wants this kind of notification on (Slack only once connected). */
async function channelsFor(tx: Tx, userId: string, kind: NotificationKind): Promise<Channel[]> {
  const { slackIntegrations, alertSettings } = tables(tx);
  const [slack] = await tx
    .select({ userId: slackIntegrations.userId })
    .from(slackIntegrations)
    .where(eq(slackIntegrations.userId, userId))
    .limit(1);
  if (kind === "test") return slack ? ["slack"] : [];
  const [row] = await tx.select().from(alertSettings).where(eq(alertSettings.userId, userId)).limit(1);
  const prefix = SETTING_PREFIX[kind];
  const email = row ? Boolean(row[`${prefix}Email` as keyof SettingsRow]) : true;
  const slackOn = row ? Boolean(row[`${prefix}Slack` as keyof SettingsRow]) : false;
  return [...(email ? (["email"] as const) : []), ...(slackOn && slack ? (["slack"] as const) : [])];
}

/** The columns of a notification row that come from its input as they are. */
function notificationRow(input: NotificationInput) {
  return {
    userId: input.userId,
    kind: input.kind,
    idempotencyKey: input.idempotencyKey,
    title: input.title,
    text: input.text,
    level: input.level ?? "INFO",
    runId: input.runId ?? null,
    url: input.url ?? null,
  };
}

/**
 * Inside the caller's transaction: records the notification and one pending delivery per
 * enabled channel. A repeated idempotency key records nothing and returns no deliveries.
 */
export async function recordNotification(tx: Tx, input: NotificationInput): Promise<Recorded> {
  const { notifications, deliveries } = tables(tx);
  const [notification] = await tx
    .insert(notifications)
    .values({ ...notificationRow(input), createdAt: input.now })
    .onConflictDoNothing({ target: notifications.idempotencyKey })
    .returning({ id: notifications.id });
  if (!notification) return { notificationId: null, deliveryIds: [] };
  const deliveryIds: string[] = [];
  for (const channel of await channelsFor(tx, input.userId, input.kind)) {
    const [delivery] = await tx
      .insert(deliveries)
      .values({
        notificationId: notification.id,
        userId: input.userId,
        channel,
        createdAt: input.now,
        dueAt: input.now,
      })
      .returning({ id: deliveries.id });
    deliveryIds.push(delivery!.id);
  }
  return { notificationId: notification.id, deliveryIds };
}

/** Records a throttled notification: kept for the delivery log, sent nowhere. */
export async function recordThrottled(tx: Tx, input: NotificationInput): Promise<string> {
  const { notifications } = tables(tx);
  const [row] = await tx
    .insert(notifications)
    .values({ ...notificationRow(input), status: "throttled", createdAt: input.now })
    .returning({ id: notifications.id });
  return row!.id;
}

/** A Slack test message for the user, when Slack is connected. */
export async function createSlackTestNotification(
  db: Db,
  p: { userId: string; now: Date; url: string },
): Promise<Recorded> {
  return transaction(db, (tx) =>
    recordNotification(tx, {
      userId: p.userId,
      kind: "test",
      idempotencyKey: `test:${p.userId}:${crypto.randomUUID()}`,
      title: "Test message from Homebase",
      text: "Slack alerts are set up: this is where your run alerts will arrive.",
      url: p.url,
      now: p.now,
    }),
  );
}

/** Everything the worker needs to send one delivery, or undefined when it no longer exists. */
export async function getDeliveryForSend(db: Db, id: string) {
  const [row] = await runPrepared(db, prepared(db, "delivery_for_send", deliveryForSendStatement), { id });
  return row;
}

// Run once per delivery attempt: prepared once (see prepared.ts).
const deliveryForSendStatement = (db: Db) => {
  const { deliveries, notifications, users, slackIntegrations } = tables(db);
  return db
    .select({
      delivery: deliveries,
      notification: notifications,
      email: users.email,
      username: users.username,
      userDeleted: users.deletedAt,
      webhookUrlEncrypted: slackIntegrations.webhookUrlEncrypted,
    })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .innerJoin(users, eq(users.id, deliveries.userId))
    .leftJoin(slackIntegrations, eq(slackIntegrations.userId, deliveries.userId))
    .where(eq(deliveries.id, columnPlaceholder(deliveries.id, "id")));
};

/** Marks a pending delivery sent; false when it was not pending any more (already sent or failed). */
export async function markDeliverySent(db: Db, p: { id: string; attempts: number; now: Date }): Promise<boolean> {
  const marked = await runPrepared(db, prepared(db, "mark_delivery_sent", markSentStatement), {
    id: p.id,
    attempts: p.attempts,
    now: p.now,
  });
  return marked.length > 0;
}

const markSentStatement = (db: Db) => {
  const { deliveries } = tables(db);
  return db
    .update(deliveries)
    .set({
      status: "sent",
      attempts: sql`${columnPlaceholder(deliveries.attempts, "attempts")}`,
      sentAt: sql`${columnPlaceholder(deliveries.sentAt, "now")}`,
      lastError: null,
    })
    .where(and(eq(deliveries.id, columnPlaceholder(deliveries.id, "id")), eq(deliveries.status, "pending")))
    .returning({ id: deliveries.id });
};

/** Records a failed attempt: final ones fail the delivery, others set when it is next due. */
export async function recordDeliveryAttemptFailed(
  db: Db,
  p: { id: string; attempts: number; error: string; final: boolean; nextDueAt: Date },
) {
  const { deliveries } = tables(db);
  await db
    .update(deliveries)
    .set({
      attempts: p.attempts,
      lastError: p.error.slice(0, 500),
      ...(p.final ? { status: "failed" as const } : { dueAt: p.nextDueAt }),
    })
    .where(and(eq(deliveries.id, p.id), eq(deliveries.status, "pending")));
}

/** Pending deliveries overdue since before `before`, oldest first: the sweeper re-enqueues them. */
export async function listOverdueDeliveries(db: Db, p: { before: Date; limit: number }) {
  const { deliveries } = tables(db);
  return db
    .select({ id: deliveries.id, dueAt: deliveries.dueAt })
    .from(deliveries)
    .where(and(eq(deliveries.status, "pending"), lt(deliveries.dueAt, p.before)))
    .orderBy(asc(deliveries.dueAt))
    .limit(p.limit);
}

export type DeliveryLogStatus = "pending" | "sent" | "failed" | "throttled";

export interface DeliveryLogItem {
  id: string;
  kind: NotificationKind;
  title: string;
  channel: Channel | null;
  status: DeliveryLogStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  error: string | null;
}

/** The user's delivery log, newest first: one item per delivery, plus throttled alerts (no channel). */
export async function listDeliveryLog(db: Db, p: { userId: string; limit: number }): Promise<DeliveryLogItem[]> {
  const { deliveries, notifications } = tables(db);
  const sent = await db
    .select({
      id: deliveries.id,
      kind: notifications.kind,
      title: notifications.title,
      channel: deliveries.channel,
      status: deliveries.status,
      attempts: deliveries.attempts,
      createdAt: deliveries.createdAt,
      sentAt: deliveries.sentAt,
      error: deliveries.lastError,
    })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(eq(deliveries.userId, p.userId))
    .orderBy(desc(deliveries.createdAt))
    .limit(p.limit);
  const throttled = (
    await db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .where(and(eq(notifications.userId, p.userId), eq(notifications.status, "throttled")))
      .orderBy(desc(notifications.createdAt))
      .limit(p.limit)
  ).map((n) => ({ ...n, channel: null, status: "throttled" as const, attempts: 0, sentAt: null, error: null }));
  return [...sent, ...throttled].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, p.limit);
}
