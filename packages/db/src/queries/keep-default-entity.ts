import { and, eq, isNull } from "drizzle-orm";
import { entities, teamMembers, userSettings } from "../schema";
import type { Tx } from "./tx";

/**
 * Call inside the transaction that is about to add `userId` to a team, before the insert. A user
 * with exactly one team and no stored default choice runs in that team (the derived default);
 * with a second team the derived default would fall back to the personal entity, so scripts
 * would silently start logging elsewhere. Storing the team they had keeps it.
 */
export function keepDefaultEntityBeforeNewTeam(tx: Tx, userId: string, now: Date = new Date()): void {
  const current = tx
    .select({ id: teamMembers.teamId })
    .from(teamMembers)
    .innerJoin(entities, eq(entities.id, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, userId), isNull(entities.deletedAt)))
    .all();
  if (current.length !== 1) return;
  const only = current[0]!.id;
  const stored = tx
    .select({ defaultEntityId: userSettings.defaultEntityId })
    .from(userSettings)
    .where(eq(userSettings.userId, userId))
    .get()?.defaultEntityId;
  // A choice that still applies (the personal entity, or that team) stands.
  if (stored === userId || stored === only) return;
  tx.insert(userSettings)
    .values({ userId, defaultEntityId: only, updatedAt: now })
    .onConflictDoUpdate({ target: userSettings.userId, set: { defaultEntityId: only, updatedAt: now } })
    .run();
}
