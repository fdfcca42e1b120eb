import { listDeletedTeams, listPendingPurges } from "@homebase/db";
import { enqueueTeamPurge } from "@homebase/jobs";
import { defineJob } from "../../types";

/** Purges recorded in the database but not finished (a lost job), and deleted teams still there, are enqueued again. */
export const sweepAccountPurgesJob = defineJob({
  name: "sweep-account-purges",
  async run(_payload, { db, queues }) {
    const pending = await listPendingPurges(db, 100);
    for (const userId of pending) {
      await queues.enqueue(
        "purge-account",
        { userId },
        { jobId: `purge-${userId}`, attempts: 5, backoff: { type: "exponential", delay: 5000 } },
      );
    }
    const teams = await listDeletedTeams(db, 100);
    for (const teamId of teams) await enqueueTeamPurge(queues, teamId);
    return { requeued: pending.length, teams: teams.length };
  },
});
