import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { alertSettings, slackIntegrations } from "../schema";

export const ALERT_KINDS = ["runFinished", "runCrashed", "scriptable", "storage"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertPreferences = Record<AlertKind, { email: boolean; slack: boolean }>;
export type AlertPreferencesPatch = Partial<Record<AlertKind, Partial<{ email: boolean; slack: boolean }>>>;

export async function getAlertPreferences(db: Db, userId: string): Promise<AlertPreferences> {
  const row = db.select().from(alertSettings).where(eq(alertSettings.userId, userId)).get();
  return {
    runFinished: { email: row?.runFinishedEmail ?? true, slack: row?.runFinishedSlack ?? false },
    runCrashed: { email: row?.runCrashedEmail ?? true, slack: row?.runCrashedSlack ?? false },
    scriptable: { email: row?.scriptableEmail ?? true, slack: row?.scriptableSlack ?? false },
    storage: { email: row?.storageEmail ?? true, slack: row?.storageSlack ?? false },
  };
}

export async function updateAlertPreferences(db: Db, userId: string, patch: AlertPreferencesPatch, now: Date) {
  const current = await getAlertPreferences(db, userId);
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
  db.insert(alertSettings)
    .values({ userId, ...row })
    .onConflictDoUpdate({ target: alertSettings.userId, set: row })
    .run();
  return next;
}

export async function saveSlackWebhook(db: Db, p: { userId: string; webhookUrlEncrypted: string; now: Date }) {
  db.insert(slackIntegrations)
    .values({ userId: p.userId, webhookUrlEncrypted: p.webhookUrlEncrypted, createdAt: p.now })
    .onConflictDoUpdate({
      target: slackIntegrations.userId,
      set: { webhookUrlEncrypted: p.webhookUrlEncrypted, createdAt: p.now },
    })
    .run();
}

export async function deleteSlackWebhook(db: Db, userId: string): Promise<boolean> {
  return db.delete(slackIntegrations).where(eq(slackIntegrations.userId, userId)).run().changes > 0;
}

export async function getSlackIntegration(db: Db, userId: string) {
  return db.select().from(slackIntegrations).where(eq(slackIntegrations.userId, userId)).get();
}
