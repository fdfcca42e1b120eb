import { listDeletedTeams, listPendingPurges } from "@homebase/db";
import { enqueuePurgeAccount, enqueuePurgeTeam } from "@homebase/jobs";
import { defineJob } from "../../types";

/** Purges recorded in the database but not finished (a lost job), and deleted teams still there, are enqueued again. */
export const sweepAccountPurgesJob = defineJob({
  name: "sweep-account-purges",
  async run(_payload, { db, queues }) {
    const pending = await listPendingPurges(db, 100);
    for (const userId of pending) {
      await enqueuePurgeAccount(queues, userId);
    }
    const teams = await listDeletedTeams(db, 100);
    for (const teamId of teams) await enqueuePurgeTeam(queues, teamId);
    return { requeued: pending.length, teams: teams.length };
  },
});
