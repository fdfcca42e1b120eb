import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { orgSettings, userSettings } from "../schema";
import { prepared } from "./prepared";

const ORG_ID = 1;

const orgSettingsStatement = (db: Db) => db.select().from(orgSettings).where(eq(orgSettings.id, ORG_ID)).prepare();

export async function getOrgSettings(db: Db) {
  const row = prepared(db, orgSettingsStatement).get();
  return {
    allowPublicProjects: row?.allowPublicProjects ?? false,
    allowCodeSaving: row?.allowCodeSaving ?? false,
  };
}

export async function updateOrgSettings(
  db: Db,
  patch: { allowPublicProjects?: boolean; allowCodeSaving?: boolean },
  now: Date,
) {
  const current = await getOrgSettings(db);
  const next = { ...current, ...patch };
  db.transaction((tx) => {
    tx.insert(orgSettings)
      .values({ id: ORG_ID, ...next, updatedAt: now })
      .onConflictDoUpdate({ target: orgSettings.id, set: { ...next, updatedAt: now } })
      .run();
    // Users' choices that the organisation no longer allows fall back to the safe value.
    if (!next.allowPublicProjects) {
      tx.update(userSettings)
        .set({ defaultProjectPrivacy: "private", updatedAt: now })
        .where(eq(userSettings.defaultProjectPrivacy, "public"))
        .run();
    }
    if (!next.allowCodeSaving) {
      tx.update(userSettings)
        .set({ codeSavingEnabled: false, updatedAt: now })
        .where(eq(userSettings.codeSavingEnabled, true))
        .run();
    }
  });
  return next;
}
