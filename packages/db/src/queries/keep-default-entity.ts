import { and, eq, isNull } from "drizzle-orm";
import { tables } from "../dialect";
import type { Tx } from "./tx";

/**
 * Call inside the transaction that is about to add `userId` to a team, before the insert. A user
 * with exactly one team and no stored default choice runs in that team (the derived default);
 * with a second team the derived default would fall back to the personal entity, so scripts
 * would silently start logging elsewhere. Storing the team they had keeps it.
 */
export async function keepDefaultEntityBeforeNewTeam(tx: Tx, userId: string, now: Date = new Date()): Promise<void> {
  const { entities, teamMembers, userSettings } = tables(tx);
  const current = await tx
    .select({ id: teamMembers.teamId })
    .from(teamMembers)
    .innerJoin(entities, eq(entities.id, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, userId), isNull(entities.deletedAt)));
  if (current.length !== 1) return;
  const only = current[0]!.id;
  const [settings] = await tx
    .select({ defaultEntityId: userSettings.defaultEntityId })
    .from(userSettings)
    .where(eq(userSettings.userId, userId))
    .limit(1);
  const stored = settings?.defaultEntityId;
  // A choice that still applies (the personal entity, or that team) stands.
  if (stored === userId || stored === only) return;
  await tx
    .insert(userSettings)
    .values({ userId, defaultEntityId: only, updatedAt: now })
    .onConflictDoUpdate({ target: userSettings.userId, set: { defaultEntityId: only, updatedAt: now } });
}
