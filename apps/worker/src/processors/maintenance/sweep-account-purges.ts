import { listPendingPurges, listPendingTeamPurges } from "@homebase/db";
import { enqueuePurgeAccount, enqueuePurgeTeam } from "@homebase/jobs";
import { defineJob } from "../../types";

/**
 * Account and team purges recorded in the database, not finished and held by no worker (lease
 * free or run out: a lost job, a killed worker's) are enqueued again. A purge a live worker holds
 * is left alone, and on PostgreSQL so is a row locked at that instant (SKIP LOCKED).
 */
export const sweepAccountPurgesJob = defineJob({
  name: "sweep-account-purges",
  async run(_payload, { db, clock, queues }) {
    const pending = await listPendingPurges(db, 100, clock());
    for (const userId of pending) {
      await enqueuePurgeAccount(queues, userId);
    }
    const teams = await listPendingTeamPurges(db, 100, clock());
    for (const teamId of teams) await enqueuePurgeTeam(queues, teamId);
    return { requeued: pending.length, teams: teams.length };
  },
});
