import { and, eq, inArray, isNotNull, isNull, notInArray, or } from "drizzle-orm";
import type { Db } from "../client";
import {
  accountPurges,
  apiKeys,
  entities,
  githubConnections,
  runFiles,
  runs,
  sessions,
  storageObjects,
  teamMembers,
  users,
} from "../schema";
import { markStale } from "./storage";
import { markTeamsDeleted, purgeTeamPiece, soleMemberTeams } from "./team-deletion";
import { blockingTeams } from "./teams";
import type { Tx } from "./tx";

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
  return db.transaction(
    (tx) => {
      const blocking = blockingTeams(tx, p.userId);
      if (blocking.length > 0) return { ok: false as const, reason: "last-admin" as const, teams: blocking };
      const user = tx.select({ avatarKey: users.avatarKey }).from(users).where(eq(users.id, p.userId)).get();
      const github = tx
        .select({ token: githubConnections.tokenEncrypted })
        .from(githubConnections)
        .where(eq(githubConnections.userId, p.userId))
        .get();
      tx.update(users)
        .set({ deletedAt: p.now })
        .where(and(eq(users.id, p.userId), isNull(users.deletedAt)))
        .run();
      tx.update(entities)
        .set({ deletedAt: p.now })
        .where(and(eq(entities.id, p.userId), isNull(entities.deletedAt)))
        .run();
      tx.delete(sessions).where(eq(sessions.userId, p.userId)).run();
      tx.delete(apiKeys).where(eq(apiKeys.userId, p.userId)).run();
      const alone = soleMemberTeams(tx, p.userId).map((t) => t.id);
      markTeamsDeleted(tx, alone, p.now);
      tx.delete(teamMembers)
        .where(and(eq(teamMembers.userId, p.userId), notInArray(teamMembers.teamId, alone)))
        .run();
      tx.delete(githubConnections).where(eq(githubConnections.userId, p.userId)).run();
      tx.insert(accountPurges)
        .values({
          userId: p.userId,
          requestedAt: p.now,
          githubTokenEncrypted: github?.token ?? null,
          avatarKey: user?.avatarKey ?? null,
        })
        .onConflictDoNothing()
        .run();
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

export async function getAccountPurge(db: Db, userId: string) {
  return db.select().from(accountPurges).where(eq(accountPurges.userId, userId)).get();
}

export async function listPendingPurges(db: Db, limit: number) {
  return db
    .select({ userId: accountPurges.userId })
    .from(accountPurges)
    .where(isNull(accountPurges.completedAt))
    .limit(limit)
    .all()
    .map((r) => r.userId);
}

/** Forgets the GitHub token once it has been revoked (or found already invalid). */
export async function clearPurgeGithubToken(db: Db, userId: string) {
  db.update(accountPurges).set({ githubTokenEncrypted: null }).where(eq(accountPurges.userId, userId)).run();
}

/** The deleted teams that go with the account: the user is still their (only) member. */
function deletedTeamsOf(q: Db | Tx, userId: string) {
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
  return db
    .select({ id: runs.id })
    .from(runs)
    .where(
      or(eq(runs.entityId, userId), eq(runs.createdById, userId), inArray(runs.entityId, deletedTeamsOf(db, userId))),
    )
    .all()
    .map((r) => r.id);
}

/**
 * One bounded step of an account purge; call until it returns "done". Each step is its own
 * transaction, so a killed worker loses at most one step and a rerun carries on.
 * Order: the teams deleted with the account (objects, runs, then the team entity), then stored
 * objects of the personal entity, then runs the user created anywhere, then the
 * personal entity (cascading projects, usage, history), then the user row (cascading settings,
 * notifications, deliveries, integrations), and last the purge row itself. Revoke the GitHub
 * token and remove the avatar file (both named by the purge row) before the last step.
 */
export async function purgeAccountStep(
  db: Db,
  p: { userId: string; now: Date; chunk?: number },
): Promise<"more" | "done"> {
  const chunk = p.chunk ?? 5000;
  return db.transaction(
    (tx) => {
      const purge = tx.select().from(accountPurges).where(eq(accountPurges.userId, p.userId)).get();
      if (!purge) return "done" as const;
      const team = deletedTeamsOf(tx, p.userId).limit(1).get();
      if (team) {
        purgeTeamPiece(tx, { teamId: team.id, chunk });
        return "more" as const;
      }
      const objectIds = tx
        .select({ id: storageObjects.id })
        .from(storageObjects)
        .where(eq(storageObjects.entityId, p.userId))
        .limit(chunk)
        .all()
        .map((r) => r.id);
      if (objectIds.length > 0) {
        tx.delete(storageObjects).where(inArray(storageObjects.id, objectIds)).run();
        return "more" as const;
      }
      const runIds = tx
        .select({ id: runs.id })
        .from(runs)
        .where(or(eq(runs.entityId, p.userId), eq(runs.createdById, p.userId)))
        .limit(chunk)
        .all()
        .map((r) => r.id);
      if (runIds.length > 0) {
        // Run files of team runs count in the team's storage: their objects go with the run.
        const files = tx
          .select({ objectId: runFiles.storageObjectId, entityId: runs.entityId })
          .from(runFiles)
          .innerJoin(runs, eq(runs.id, runFiles.runId))
          .where(inArray(runFiles.runId, runIds))
          .all();
        const objectIds = files.flatMap((f) => (f.objectId == null ? [] : [f.objectId]));
        for (let i = 0; i < objectIds.length; i += 500) {
          tx.delete(storageObjects)
            .where(inArray(storageObjects.id, objectIds.slice(i, i + 500)))
            .run();
        }
        for (const entityId of new Set(files.map((f) => f.entityId))) markStale(tx, entityId, p.now);
        tx.delete(runs).where(inArray(runs.id, runIds)).run();
        return "more" as const;
      }
      tx.delete(entities).where(eq(entities.id, p.userId)).run();
      tx.delete(users).where(eq(users.id, p.userId)).run();
      // Last, the purge's own row: afterwards no table holds the user's id.
      tx.delete(accountPurges).where(eq(accountPurges.userId, p.userId)).run();
      return "done" as const;
    },
    { behavior: "immediate" },
  );
}
