import { and, asc, count, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { apiKeys, entities, runs, serviceAccounts, storageObjects, storageUsage, teamMembers, teams } from "../schema";
import type { Tx } from "./tx";

/** Live teams whose only member is the user: they are deleted with the account. */
export function soleMemberTeams(q: Db | Tx, userId: string) {
  return q
    .select({ id: teams.id, name: entities.name, displayName: teams.displayName })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(entities, eq(entities.id, teams.id))
    .where(
      and(
        eq(teamMembers.userId, userId),
        isNull(entities.deletedAt),
        sql`(select count(*) from ${teamMembers} m where m.team_id = ${teams.id}) = 1`,
      ),
    )
    .orderBy(asc(entities.name))
    .all();
}

/**
 * Marks teams deleted inside the caller's transaction: the name is free again at once and the
 * keys of their service accounts stop working. Members stay until the purge, which finds the
 * teams through them; projects, runs and objects go in the purge's bounded steps.
 */
export function markTeamsDeleted(tx: Tx, teamIds: readonly string[], now: Date) {
  if (teamIds.length === 0) return;
  tx.update(entities)
    .set({ deletedAt: now })
    .where(and(inArray(entities.id, [...teamIds]), eq(entities.kind, "team"), isNull(entities.deletedAt)))
    .run();
  const accounts = tx
    .select({ id: serviceAccounts.id })
    .from(serviceAccounts)
    .where(inArray(serviceAccounts.teamId, [...teamIds]));
  tx.delete(apiKeys).where(inArray(apiKeys.serviceAccountId, accounts)).run();
}

/** Deletes a live team now (an organisation admin's decision); false when there is no such team. */
export async function deleteTeam(db: Db, p: { teamId: string; now: Date }): Promise<boolean> {
  return db.transaction(
    (tx) => {
      const live = tx
        .select({ id: entities.id })
        .from(entities)
        .where(and(eq(entities.id, p.teamId), eq(entities.kind, "team"), isNull(entities.deletedAt)))
        .get();
      if (!live) return false;
      markTeamsDeleted(tx, [p.teamId], p.now);
      return true;
    },
    { behavior: "immediate" },
  );
}

/** Deleted teams whose data is still there, oldest first: the purge's to-do list. */
export async function listDeletedTeams(db: Db, limit: number): Promise<string[]> {
  return db
    .select({ id: entities.id })
    .from(entities)
    .where(and(eq(entities.kind, "team"), isNotNull(entities.deletedAt)))
    .orderBy(asc(entities.deletedAt))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** The server ids of a deleted team's runs (none for a live team), so the worker can remove their files first. */
export async function listTeamRunsToPurge(db: Db, teamId: string): Promise<string[]> {
  return db
    .select({ id: runs.id })
    .from(runs)
    .innerJoin(entities, eq(entities.id, runs.entityId))
    .where(and(eq(runs.entityId, teamId), eq(entities.kind, "team"), isNotNull(entities.deletedAt)))
    .all()
    .map((r) => r.id);
}

/**
 * One bounded piece of a deleted team's purge inside the caller's transaction: its stored
 * objects, then its runs (with their files' objects), then the entity itself, which cascades
 * the team, members, service accounts, projects and usage. Returns "done" once the entity is gone.
 */
export function purgeTeamPiece(tx: Tx, p: { teamId: string; chunk: number }): "more" | "done" {
  const entity = tx
    .select({ id: entities.id })
    .from(entities)
    .where(and(eq(entities.id, p.teamId), eq(entities.kind, "team"), isNotNull(entities.deletedAt)))
    .get();
  if (!entity) return "done";
  const objectIds = tx
    .select({ id: storageObjects.id })
    .from(storageObjects)
    .where(eq(storageObjects.entityId, p.teamId))
    .limit(p.chunk)
    .all()
    .map((r) => r.id);
  if (objectIds.length > 0) {
    tx.delete(storageObjects).where(inArray(storageObjects.id, objectIds)).run();
    return "more";
  }
  const runIds = tx
    .select({ id: runs.id })
    .from(runs)
    .where(eq(runs.entityId, p.teamId))
    .limit(p.chunk)
    .all()
    .map((r) => r.id);
  if (runIds.length > 0) {
    // Their files' objects were the team's, gone above; the rest cascades from the run.
    tx.delete(runs).where(inArray(runs.id, runIds)).run();
    return "more";
  }
  tx.delete(entities).where(eq(entities.id, p.teamId)).run();
  return "done";
}

/** One bounded, committed step of a deleted team's purge; call until it returns "done". */
export async function purgeTeamStep(db: Db, p: { teamId: string; chunk?: number }) {
  return db.transaction((tx) => purgeTeamPiece(tx, { ...p, chunk: p.chunk ?? 5000 }), { behavior: "immediate" });
}

/** Every live team for the organisation admin: members and last computed storage. */
export async function listTeamsForAdmin(db: Db) {
  const members = db
    .select({ teamId: teamMembers.teamId, n: count().as("n") })
    .from(teamMembers)
    .groupBy(teamMembers.teamId)
    .as("members");
  return db
    .select({
      id: teams.id,
      name: entities.name,
      displayName: teams.displayName,
      membersCount: sql<number>`coalesce(${members.n}, 0)`,
      usedBytes: sql<number>`coalesce(${storageUsage.usedBytes}, 0)`,
    })
    .from(teams)
    .innerJoin(entities, eq(entities.id, teams.id))
    .leftJoin(members, eq(members.teamId, teams.id))
    .leftJoin(storageUsage, eq(storageUsage.entityId, teams.id))
    .where(isNull(entities.deletedAt))
    .orderBy(asc(entities.name))
    .all();
}
