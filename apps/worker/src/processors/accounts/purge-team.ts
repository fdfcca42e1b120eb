import { runFileStore } from "@homebase/blobs";
import { claimTeamPurge, listTeamRunsToPurge, purgeTeamStep, releaseTeamPurge } from "@homebase/db";
import { defineJob } from "../../types";
import { purgeHold } from "./purge-lease";

/**
 * Purges a deleted team (an organisation admin deleted it; it was already unusable and its name
 * free). Idempotent and resumable: run files first, then objects, runs and the team entity in
 * bounded steps, each committed on its own.
 *
 * As purge-account, the job first claims the purge (team_purges' lease, renewed by every step)
 * and ends at once when another live worker holds it, or when there is no purge to claim:
 * finished, or the team went with its only member's account, whose purge removes it.
 */
export const purgeTeamJob = defineJob({
  name: "purge-team",
  async run({ teamId }, { db, clock, config, job, logger }) {
    const holder = crypto.randomUUID();
    const claim = (now: Date) => claimTeamPurge(db, { teamId, holder, now });
    const held = () => {
      logger.info({ teamId }, "team purge held by another worker; left to it");
      return { purged: false, skipped: "held" as const };
    };
    if (!(await claim(clock()))) {
      logger.info({ teamId }, "team purge held by another worker, or not pending; left alone");
      return { purged: false, skipped: "not-claimed" as const };
    }
    try {
      const hold = purgeHold(claim, clock);
      const runFiles = runFileStore(config.blobs);
      for (const runId of await listTeamRunsToPurge(db, teamId)) {
        if (!(await hold.keep())) return held();
        await runFiles.removeRun(runId);
      }
      let steps = 0;
      for (;;) {
        const step = await purgeTeamStep(db, { teamId, holder, now: clock() });
        if (step === "held") return held();
        if (step === "done") break;
        steps += 1;
        await job.updateProgress(Math.min(99, steps));
      }
      logger.info({ teamId, steps }, "team purged");
      return { purged: true, steps };
    } catch (error) {
      // Free the purge for this job's retry (a killed worker's lease runs out by itself instead).
      await releaseTeamPurge(db, { teamId, holder }).catch(() => undefined);
      throw error;
    }
  },
});
