import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { orgSettings } from "../schema";

const ORG_ID = 1;

export async function getOrgSettings(db: Db) {
  const row = db.select().from(orgSettings).where(eq(orgSettings.id, ORG_ID)).get();
  return {
    allowPublicProjects: row?.allowPublicProjects ?? true,
    allowCodeSaving: row?.allowCodeSaving ?? true,
  };
}

export async function updateOrgSettings(
  db: Db,
  patch: { allowPublicProjects?: boolean; allowCodeSaving?: boolean },
  now: Date,
) {
  const current = await getOrgSettings(db);
  const next = { ...current, ...patch };
  db.insert(orgSettings)
    .values({ id: ORG_ID, ...next, updatedAt: now })
    .onConflictDoUpdate({ target: orgSettings.id, set: { ...next, updatedAt: now } })
    .run();
  return next;
}
