import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";
import { forUpdate, transaction } from "./tx";

const ALERT_KINDS = ["runFinished", "runCrashed", "scriptable", "storage"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertPreferences = Record<AlertKind, { email: boolean; slack: boolean }>;
export type AlertPreferencesPatch = Partial<Record<AlertKind, Partial<{ email: boolean; slack: boolean }>>>;

type SettingsRow = ReturnType<typeof tables>["alertSettings"]["$inferSelect"];

function preferences(row: SettingsRow | undefined): AlertPreferences {
  return {
    runFinished: { email: row?.runFinishedEmail ?? true, slack: row?.runFinishedSlack ?? false },
    runCrashed: { email: row?.runCrashedEmail ?? true, slack: row?.runCrashedSlack ?? false },
    scriptable: { email: row?.scriptableEmail ?? true, slack: row?.scriptableSlack ?? false },
    storage: { email: row?.storageEmail ?? true, slack: row?.storageSlack ?? false },
  };
}

export async function getAlertPreferences(db: Db, userId: string): Promise<AlertPreferences> {
  const { alertSettings } = tables(db);
  const [row] = await db.select().from(alertSettings).where(eq(alertSettings.userId, userId)).limit(1);
  return preferences(row);
}

/** Merges `patch` into the stored preferences (one transaction; the row locked on PostgreSQL). */
export async function updateAlertPreferences(db: Db, userId: string, patch: AlertPreferencesPatch, now: Date) {
  return transaction(db, async (tx) => {
    const { alertSettings } = tables(tx);
    const [stored] = await forUpdate(tx, tx.select().from(alertSettings).where(eq(alertSettings.userId, userId)));
    const current = preferences(stored);
    const next = Object.fromEntries(ALERT_KINDS.map((k) => [k, { ...current[k], ...patch[k] }])) as AlertPreferences;
    const row = {
      runFinishedEmail: next.runFinished.email,
      runFinishedSlack: next.runFinished.slack,
      runCrashedEmail: next.runCrashed.email,
      runCrashedSlack: next.runCrashed.slack,
      scriptableEmail: next.scriptable.email,
      scriptableSlack: next.scriptable.slack,
      storageEmail: next.storage.email,
      storageSlack: next.storage.slack,
      updatedAt: now,
    };
    await tx
      .insert(alertSettings)
      .values({ userId, ...row })
      .onConflictDoUpdate({ target: alertSettings.userId, set: row });
    return next;
  });
}

export async function saveSlackWebhook(db: Db, p: { userId: string; webhookUrlEncrypted: string; now: Date }) {
  const { slackIntegrations } = tables(db);
  await db
    .insert(slackIntegrations)
    .values({ userId: p.userId, webhookUrlEncrypted: p.webhookUrlEncrypted, createdAt: p.now })
    .onConflictDoUpdate({
      target: slackIntegrations.userId,
      set: { webhookUrlEncrypted: p.webhookUrlEncrypted, createdAt: p.now },
    });
}

export async function deleteSlackWebhook(db: Db, userId: string): Promise<boolean> {
  const { slackIntegrations } = tables(db);
  const gone = await db
    .delete(slackIntegrations)
    .where(eq(slackIntegrations.userId, userId))
    .returning({ userId: slackIntegrations.userId });
  return gone.length > 0;
}

export async function getSlackIntegration(db: Db, userId: string) {
  const { slackIntegrations } = tables(db);
  return (await db.select().from(slackIntegrations).where(eq(slackIntegrations.userId, userId)).limit(1))[0];
}
