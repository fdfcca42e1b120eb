import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";
import { prepared, runPrepared } from "./prepared";
import { forUpdate, transaction } from "./tx";

const ORG_ID = 1;

// Read on many requests (project defaults, GraphQL viewer): prepared once (see prepared.ts).
const orgSettingsStatement = (db: Db) => {
  const { orgSettings } = tables(db);
  return db.select().from(orgSettings).where(eq(orgSettings.id, ORG_ID));
};

export async function getOrgSettings(db: Db) {
  const [row] = await runPrepared(db, prepared(db, "org_settings", orgSettingsStatement));
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
  return transaction(db, async (tx) => {
    const { orgSettings, userSettings } = tables(tx);
    // The current row, locked on PostgreSQL so two admins' patches apply one after the other.
    const [row] = await forUpdate(tx, tx.select().from(orgSettings).where(eq(orgSettings.id, ORG_ID)));
    const next = {
      allowPublicProjects: row?.allowPublicProjects ?? false,
      allowCodeSaving: row?.allowCodeSaving ?? false,
      ...patch,
    };
    await tx
      .insert(orgSettings)
      .values({ id: ORG_ID, ...next, updatedAt: now })
      .onConflictDoUpdate({ target: orgSettings.id, set: { ...next, updatedAt: now } });
    // Users' choices that the organisation no longer allows fall back to the safe value.
    if (!next.allowPublicProjects) {
      await tx
        .update(userSettings)
        .set({ defaultProjectPrivacy: "private", updatedAt: now })
        .where(eq(userSettings.defaultProjectPrivacy, "public"));
    }
    if (!next.allowCodeSaving) {
      await tx
        .update(userSettings)
        .set({ codeSavingEnabled: false, updatedAt: now })
        .where(eq(userSettings.codeSavingEnabled, true));
    }
    return next;
  });
}
