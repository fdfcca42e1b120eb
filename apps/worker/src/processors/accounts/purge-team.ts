import { runFileStore } from "@homebase/blobs";
import { listTeamRunsToPurge, purgeTeamStep } from "@homebase/db";
import { defineJob } from "../../types";

/**
 * Purges a deleted team (an organisation admin deleted it; it was already unusable and its name
 * free). Idempotent and resumable: run files first, then objects, runs and the team entity in
 * bounded steps, each committed on its own.
 */
export const purgeTeamJob = defineJob({
  name: "purge-team",
  async run({ teamId }, { db, config, job, logger }) {
    const runFiles = runFileStore(config.blobs);
    for (const runId of await listTeamRunsToPurge(db, teamId)) await runFiles.removeRun(runId);
    let steps = 0;
    while ((await purgeTeamStep(db, { teamId })) === "more") {
      steps += 1;
      await job.updateProgress(Math.min(99, steps));
    }
    logger.info({ teamId, steps }, "team purged");
    return { purged: true, steps };
  },
});
