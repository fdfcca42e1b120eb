import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";
import { getOrgSettings } from "./org-settings";
import { getStoredUserSettings } from "./user-settings";

/**
 * The project `name` of an entity, created on first use with the creator's defaults
 * (privacy and code saving), as far as the organisation allows them.
 */
export async function ensureProject(db: Db, p: { entityId: string; name: string; userId: string | null }) {
  const { projects } = tables(db);
  const find = async () =>
    (
      await db
        .select()
        .from(projects)
        .where(and(eq(projects.entityId, p.entityId), eq(projects.name, p.name)))
        .limit(1)
    )[0];
  const existing = await find();
  if (existing) return existing;
  // Service accounts have no preferences: their projects start private, without code saving.
  const [settings, org] = await Promise.all([
    p.userId
      ? getStoredUserSettings(db, p.userId)
      : { defaultProjectPrivacy: "private" as const, codeSavingEnabled: false },
    getOrgSettings(db),
  ]);
  // ON CONFLICT DO NOTHING: a concurrent first use created it; either way it exists now.
  await db
    .insert(projects)
    .values({
      entityId: p.entityId,
      name: p.name,
      privacy: org.allowPublicProjects ? settings.defaultProjectPrivacy : "private",
      codeSaving: org.allowCodeSaving && settings.codeSavingEnabled,
      createdById: p.userId,
    })
    .onConflictDoNothing();
  return (await find())!;
}
