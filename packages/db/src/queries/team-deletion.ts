import { and, asc, count, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { dialectOf, tables } from "../dialect";
import { heldByAnother, purgeLeaseEnd, purgeLeaseFree, purgeLeaseOpenTo } from "./purge-lease";
import { forUpdate, type Tx, transaction } from "./tx";

/** Live teams whose only member is the user: they are deleted with the account. */
export async function soleMemberTeams(q: Db | Tx, userId: string) {
  const { teams, teamMembers, entities } = tables(q);
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
    .orderBy(asc(entities.name));
}

/**
 * Marks teams deleted inside the caller's transaction: the name is free again at once and the
 * keys of their service accounts stop working. Members stay until the purge, which finds the
 * teams through them; projects, runs and objects go in the purge's bounded steps.
 */
export async function markTeamsDeleted(tx: Tx, teamIds: readonly string[], now: Date): Promise<void> {
  if (teamIds.length === 0) return;
  const { entities, serviceAccounts, apiKeys } = tables(tx);
  await tx
    .update(entities)
    .set({ deletedAt: now })
    .where(and(inArray(entities.id, [...teamIds]), eq(entities.kind, "team"), isNull(entities.deletedAt)));
  const accounts = tx
    .select({ id: serviceAccounts.id })
    .from(serviceAccounts)
    .where(inArray(serviceAccounts.teamId, [...teamIds]));
  await tx.delete(apiKeys).where(inArray(apiKeys.serviceAccountId, accounts));
}

/**
 * Deletes a live team now (an organisation admin's decision) and records its purge (team_purges);
 * false when there is no such team.
 */
export async function deleteTeam(db: Db, p: { teamId: string; now: Date }): Promise<boolean> {
  return transaction(db, async (tx) => {
    const { entities } = tables(tx);
    const [live] = await forUpdate(
      tx,
      tx
        .select({ id: entities.id })
        .from(entities)
        .where(and(eq(entities.id, p.teamId), eq(entities.kind, "team"), isNull(entities.deletedAt))),
    );
    if (!live) return false;
    await markTeamsDeleted(tx, [p.teamId], p.now);
    await tx.insert(tables(tx).teamPurges).values({ teamId: p.teamId, requestedAt: p.now }).onConflictDoNothing();
    return true;
  });
}

/**
 * Team purges that no worker holds (lease free or run out), oldest first: the sweeper's to-do
 * list. On PostgreSQL a row locked right now (being claimed, or a step running) is skipped.
 */
export async function listPendingTeamPurges(db: Db, limit: number, now = new Date()): Promise<string[]> {
  const { teamPurges } = tables(db);
  const rows = await forUpdate(
    db,
    db
      .select({ id: teamPurges.teamId })
      .from(teamPurges)
      .where(purgeLeaseFree(teamPurges, now))
      .orderBy(asc(teamPurges.requestedAt))
      .limit(limit),
    { skipLocked: true },
  );
  return rows.map((r) => r.id);
}

/**
 * Claims a team's purge for one worker job (`holder`) until `now + PURGE_LEASE_MS`, or renews
 * the holder's claim; false when there is no such purge (finished, or the team went with its
 * account, whose purge does it) or another holder's lease is running. As claimAccountPurge: one
 * conditional UPDATE, the row picked FOR UPDATE SKIP LOCKED on PostgreSQL.
 */
export async function claimTeamPurge(db: Db, p: { teamId: string; holder: string; now: Date }): Promise<boolean> {
  const { teamPurges } = tables(db);
  const claimable = and(eq(teamPurges.teamId, p.teamId), purgeLeaseOpenTo(teamPurges, p));
  const rows = await db
    .update(teamPurges)
    .set({ claimedBy: p.holder, claimedUntil: purgeLeaseEnd(p.now) })
    .where(
      dialectOf(db) === "postgres"
        ? inArray(
            teamPurges.teamId,
            forUpdate(db, db.select({ id: teamPurges.teamId }).from(teamPurges).where(claimable), { skipLocked: true }),
          )
        : claimable,
    )
    .returning({ teamId: teamPurges.teamId });
  return rows.length > 0;
}

/** Gives the claim up (a job that failed, so its retry finds the purge free); only `holder`'s own. */
export async function releaseTeamPurge(db: Db, p: { teamId: string; holder: string }): Promise<void> {
  const { teamPurges } = tables(db);
  await db
    .update(teamPurges)
    .set({ claimedBy: null, claimedUntil: null })
    .where(and(eq(teamPurges.teamId, p.teamId), eq(teamPurges.claimedBy, p.holder)));
}

/** The server ids of a deleted team's runs (none for a live team), so the worker can remove their files first. */
export async function listTeamRunsToPurge(db: Db, teamId: string): Promise<string[]> {
  const { runs, entities } = tables(db);
  const rows = await db
    .select({ id: runs.id })
    .from(runs)
    .innerJoin(entities, eq(entities.id, runs.entityId))
    .where(and(eq(runs.entityId, teamId), eq(entities.kind, "team"), isNotNull(entities.deletedAt)));
  return rows.map((r) => r.id);
}

/**
 * One bounded piece of a deleted team's purge inside the caller's transaction: its stored
 * objects, then its runs (with their files' objects), then the entity itself, which cascades
 * the team, members, service accounts, projects and usage. Returns "done" once the entity is gone.
 *
 * The team_purges row (if any), then the entity row are read FOR UPDATE on PostgreSQL, so two
 * transactions on one team take its pieces one after the other, always locking in that order
 * (the last piece's delete cascades to the team_purges row); SQLite's write lock does that.
 */
export async function purgeTeamPiece(tx: Tx, p: { teamId: string; chunk: number }): Promise<"more" | "done"> {
  const { entities, storageObjects, runs, teamPurges } = tables(tx);
  await forUpdate(tx, tx.select({ id: teamPurges.teamId }).from(teamPurges).where(eq(teamPurges.teamId, p.teamId)));
  const [entity] = await forUpdate(
    tx,
    tx
      .select({ id: entities.id })
      .from(entities)
      .where(and(eq(entities.id, p.teamId), eq(entities.kind, "team"), isNotNull(entities.deletedAt))),
  );
  if (!entity) return "done";
  const objectIds = (
    await tx
      .select({ id: storageObjects.id })
      .from(storageObjects)
      .where(eq(storageObjects.entityId, p.teamId))
      .limit(p.chunk)
  ).map((r) => r.id);
  if (objectIds.length > 0) {
    await tx.delete(storageObjects).where(inArray(storageObjects.id, objectIds));
    return "more";
  }
  const runIds = (await tx.select({ id: runs.id }).from(runs).where(eq(runs.entityId, p.teamId)).limit(p.chunk)).map(
    (r) => r.id,
  );
  if (runIds.length > 0) {
    // Their files' objects were the team's, gone above; the rest cascades from the run.
    await tx.delete(runs).where(inArray(runs.id, runIds));
    return "more";
  }
  await tx.delete(entities).where(eq(entities.id, p.teamId));
  return "done";
}

/**
 * One bounded, committed step of a deleted team's purge; call until it returns "done". With the
 * `holder` of {@link claimTeamPurge} it renews that lease; "held" means another holder's lease is
 * running (this one's ran out and another worker took over): stop. Without a holder it runs only
 * while nobody holds the lease. The team_purges row is read FOR UPDATE (waiting) on PostgreSQL,
 * so "done" means the team is gone; the row goes with it (foreign key, cascade).
 */
export async function purgeTeamStep(
  db: Db,
  p: { teamId: string; now: Date; holder?: string; chunk?: number },
): Promise<"more" | "done" | "held"> {
  return transaction(db, async (tx) => {
    const { teamPurges } = tables(tx);
    const [purge] = await forUpdate(tx, tx.select().from(teamPurges).where(eq(teamPurges.teamId, p.teamId)));
    if (purge && heldByAnother(purge, p)) return "held" as const;
    if (purge && p.holder) {
      await tx
        .update(teamPurges)
        .set({ claimedBy: p.holder, claimedUntil: purgeLeaseEnd(p.now) })
        .where(eq(teamPurges.teamId, p.teamId));
    }
    return purgeTeamPiece(tx, { teamId: p.teamId, chunk: p.chunk ?? 5000 });
  });
}

/** Every live team for the organisation admin: members and last computed storage. */
export async function listTeamsForAdmin(db: Db) {
  const { teams, teamMembers, entities, storageUsage } = tables(db);
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
      // Number(): PostgreSQL's count and bigint sums come back as text from raw expressions.
      membersCount: sql<number>`coalesce(${members.n}, 0)`.mapWith(Number),
      usedBytes: sql<number>`coalesce(${storageUsage.usedBytes}, 0)`.mapWith(Number),
    })
    .from(teams)
    .innerJoin(entities, eq(entities.id, teams.id))
    .leftJoin(members, eq(members.teamId, teams.id))
    .leftJoin(storageUsage, eq(storageUsage.entityId, teams.id))
    .where(isNull(entities.deletedAt))
    .orderBy(asc(entities.name));
}
