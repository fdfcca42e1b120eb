import { and, asc, eq, inArray, isNotNull, isNull, notInArray, or } from "drizzle-orm";
import type { Db } from "../client";
import { dialectOf, tables } from "../dialect";
import { heldByAnother, purgeLeaseEnd, purgeLeaseFree, purgeLeaseOpenTo } from "./purge-lease";
import { markStale } from "./storage";
import { markTeamsDeleted, purgeTeamPiece, soleMemberTeams } from "./team-deletion";
import { blockingTeams } from "./teams";
import { forUpdate, type Tx, transaction } from "./tx";

export { PURGE_LEASE_MS } from "./purge-lease";

export type DeleteAccountResult =
  | { ok: true }
  | { ok: false; reason: "last-admin"; teams: { name: string; displayName: string }[] };

/**
 * Deletes an account at once, in one transaction: the user and the personal entity are marked
 * deleted (freeing the username and e-mail), every session and API key goes, memberships end,
 * and the GitHub token moves to the purge row for revocation. Teams whose only member the user
 * is are deleted with the account (their names free at once, their service-account keys dead);
 * the user's membership in them stays for the purge to find them. The worker purges the rest.
 */
export async function deleteAccount(db: Db, p: { userId: string; now: Date }): Promise<DeleteAccountResult> {
  return transaction(db, async (tx) => {
    const { users, entities, sessions, apiKeys, teams, teamMembers, githubConnections, accountPurges } = tables(tx);
    // PostgreSQL: lock the user and the teams they are in, so the last-admin rule and the teams
    // deleted with the account are decided against memberships nobody changes meanwhile.
    const [user] = await forUpdate(
      tx,
      tx.select({ avatarKey: users.avatarKey }).from(users).where(eq(users.id, p.userId)),
    );
    await forUpdate(
      tx,
      tx
        .select({ id: teams.id })
        .from(teams)
        .innerJoin(teamMembers, eq(teamMembers.teamId, teams.id))
        .where(eq(teamMembers.userId, p.userId)),
    );
    const blocking = await blockingTeams(tx, p.userId);
    if (blocking.length > 0) return { ok: false as const, reason: "last-admin" as const, teams: blocking };
    const [github] = await tx
      .select({ token: githubConnections.tokenEncrypted })
      .from(githubConnections)
      .where(eq(githubConnections.userId, p.userId))
      .limit(1);
    await tx
      .update(users)
      .set({ deletedAt: p.now })
      .where(and(eq(users.id, p.userId), isNull(users.deletedAt)));
    await tx
      .update(entities)
      .set({ deletedAt: p.now })
      .where(and(eq(entities.id, p.userId), isNull(entities.deletedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, p.userId));
    await tx.delete(apiKeys).where(eq(apiKeys.userId, p.userId));
    const alone = (await soleMemberTeams(tx, p.userId)).map((t) => t.id);
    await markTeamsDeleted(tx, alone, p.now);
    await tx.delete(teamMembers).where(and(eq(teamMembers.userId, p.userId), notInArray(teamMembers.teamId, alone)));
    await tx.delete(githubConnections).where(eq(githubConnections.userId, p.userId));
    await tx
      .insert(accountPurges)
      .values({
        userId: p.userId,
        requestedAt: p.now,
        githubTokenEncrypted: github?.token ?? null,
        avatarKey: user?.avatarKey ?? null,
      })
      .onConflictDoNothing();
    return { ok: true as const };
  });
}

export async function getAccountPurge(db: Db, userId: string) {
  const { accountPurges } = tables(db);
  return (await db.select().from(accountPurges).where(eq(accountPurges.userId, userId)).limit(1))[0];
}

/**
 * Accounts waiting for their purge that no worker holds (lease free or run out), oldest first,
 * for the sweeper to (re-)enqueue. On PostgreSQL a row locked right now (being claimed, or a
 * step of its purge running) is skipped rather than waited for: it is in hand.
 */
export async function listPendingPurges(db: Db, limit: number, now = new Date()) {
  const { accountPurges } = tables(db);
  const rows = await forUpdate(
    db,
    db
      .select({ userId: accountPurges.userId })
      .from(accountPurges)
      .where(and(isNull(accountPurges.completedAt), purgeLeaseFree(accountPurges, now)))
      .orderBy(asc(accountPurges.requestedAt))
      .limit(limit),
    { skipLocked: true },
  );
  return rows.map((r) => r.userId);
}

/**
 * Claims an account's purge for one worker job (`holder`, an id of its own) until
 * `now + PURGE_LEASE_MS`; called again by the same holder, renews the claim. False when there is
 * no purge to claim or another holder's lease is still running: the job then leaves the purge to
 * that worker. One conditional UPDATE on both dialects; on PostgreSQL the row is picked through
 * FOR UPDATE SKIP LOCKED, so a claim never queues behind another worker's claim or step.
 */
export async function claimAccountPurge(db: Db, p: { userId: string; holder: string; now: Date }): Promise<boolean> {
  const { accountPurges } = tables(db);
  const claimable = and(eq(accountPurges.userId, p.userId), purgeLeaseOpenTo(accountPurges, p));
  const rows = await db
    .update(accountPurges)
    .set({ claimedBy: p.holder, claimedUntil: purgeLeaseEnd(p.now) })
    .where(
      dialectOf(db) === "postgres"
        ? inArray(
            accountPurges.userId,
            forUpdate(db, db.select({ id: accountPurges.userId }).from(accountPurges).where(claimable), {
              skipLocked: true,
            }),
          )
        : claimable,
    )
    .returning({ userId: accountPurges.userId });
  return rows.length > 0;
}

/** Gives the claim up (a job that failed, so its retry finds the purge free); only `holder`'s own. */
export async function releaseAccountPurge(db: Db, p: { userId: string; holder: string }): Promise<void> {
  const { accountPurges } = tables(db);
  await db
    .update(accountPurges)
    .set({ claimedBy: null, claimedUntil: null })
    .where(and(eq(accountPurges.userId, p.userId), eq(accountPurges.claimedBy, p.holder)));
}

/** Forgets the GitHub token once it has been revoked (or found already invalid). */
export async function clearPurgeGithubToken(db: Db, userId: string) {
  const { accountPurges } = tables(db);
  await db.update(accountPurges).set({ githubTokenEncrypted: null }).where(eq(accountPurges.userId, userId));
}

/** The deleted teams that go with the account: the user is still their (only) member. */
function deletedTeamsOf(q: Db | Tx, userId: string) {
  const { teamMembers, entities } = tables(q);
  return q
    .select({ id: teamMembers.teamId })
    .from(teamMembers)
    .innerJoin(entities, eq(entities.id, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, userId), isNotNull(entities.deletedAt)));
}

/**
 * The server ids of the runs an account purge deletes (those in the personal entity, in the
 * teams deleted with it, and those the user created anywhere), so the worker can remove their
 * run files from the blob store before the rows go.
 */
export async function listRunsToPurge(db: Db, userId: string): Promise<string[]> {
  const { runs } = tables(db);
  const rows = await db
    .select({ id: runs.id })
    .from(runs)
    .where(
      or(eq(runs.entityId, userId), eq(runs.createdById, userId), inArray(runs.entityId, deletedTeamsOf(db, userId))),
    );
  return rows.map((r) => r.id);
}

/**
 * One bounded step of an account purge; call until it returns "done". Each step is its own
 * transaction, so a killed worker loses at most one step and a rerun carries on.
 * Order: the teams deleted with the account (objects, runs, then the team entity), then stored
 * objects of the personal entity, then runs the user created anywhere, then the
 * personal entity (cascading projects, usage, history), then the user row (cascading settings,
 * notifications, deliveries, integrations), and last the purge row itself. Revoke the GitHub
 * token and remove the avatar file (both named by the purge row) before the last step.
 *
 * A worker's job claims the purge first ({@link claimAccountPurge}) and passes its `holder`:
 * each step renews that lease. "held" means another holder's lease is running (this one's ran
 * out and another worker took the purge over): stop, that worker carries on. A step without a
 * holder (tests, a one-off script) runs only while nobody holds the lease, and takes none.
 *
 * The purge row is read FOR UPDATE on PostgreSQL (waiting, not SKIP LOCKED, because "done" must
 * mean the purge is over): should two workers still meet on one purge (a lease that ran out
 * while its holder was alive), they take steps one after the other, never deleting the same rows at once.
 */
export async function purgeAccountStep(
  db: Db,
  p: { userId: string; now: Date; holder?: string; chunk?: number },
): Promise<"more" | "done" | "held"> {
  const chunk = p.chunk ?? 5000;
  return transaction(db, async (tx) => {
    const { accountPurges, storageObjects, runs, runFiles, entities, users } = tables(tx);
    const [purge] = await forUpdate(tx, tx.select().from(accountPurges).where(eq(accountPurges.userId, p.userId)));
    if (!purge) return "done" as const;
    if (heldByAnother(purge, p)) return "held" as const;
    if (p.holder) {
      await tx
        .update(accountPurges)
        .set({ claimedBy: p.holder, claimedUntil: purgeLeaseEnd(p.now) })
        .where(eq(accountPurges.userId, p.userId));
    }
    const [team] = await deletedTeamsOf(tx, p.userId).limit(1);
    if (team) {
      await purgeTeamPiece(tx, { teamId: team.id, chunk });
      return "more" as const;
    }
    const objectIds = (
      await tx
        .select({ id: storageObjects.id })
        .from(storageObjects)
        .where(eq(storageObjects.entityId, p.userId))
        .limit(chunk)
    ).map((r) => r.id);
    if (objectIds.length > 0) {
      await tx.delete(storageObjects).where(inArray(storageObjects.id, objectIds));
      return "more" as const;
    }
    const runIds = (
      await tx
        .select({ id: runs.id })
        .from(runs)
        .where(or(eq(runs.entityId, p.userId), eq(runs.createdById, p.userId)))
        .limit(chunk)
    ).map((r) => r.id);
    if (runIds.length > 0) {
      // Run files of team runs count in the team's storage: their objects go with the run.
      const files = await tx
        .select({ objectId: runFiles.storageObjectId, entityId: runs.entityId })
        .from(runFiles)
        .innerJoin(runs, eq(runs.id, runFiles.runId))
        .where(inArray(runFiles.runId, runIds));
      const objectIds = files.flatMap((f) => (f.objectId == null ? [] : [f.objectId]));
      for (let i = 0; i < objectIds.length; i += 500) {
        await tx.delete(storageObjects).where(inArray(storageObjects.id, objectIds.slice(i, i + 500)));
      }
      for (const entityId of new Set(files.map((f) => f.entityId))) await markStale(tx, entityId, p.now);
      await tx.delete(runs).where(inArray(runs.id, runIds));
      return "more" as const;
    }
    await tx.delete(entities).where(eq(entities.id, p.userId));
    await tx.delete(users).where(eq(users.id, p.userId));
    // Last, the purge's own row: afterwards no table holds the user's id.
    await tx.delete(accountPurges).where(eq(accountPurges.userId, p.userId));
    return "done" as const;
  });
}
