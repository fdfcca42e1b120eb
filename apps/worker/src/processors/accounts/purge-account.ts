import { avatarBlobs, runFileStore } from "@homebase/blobs";
import { decryptSecret } from "@homebase/core";
import {
  claimAccountPurge,
  clearPurgeGithubToken,
  countAvatarUses,
  getAccountPurge,
  listRunsToPurge,
  purgeAccountStep,
  releaseAccountPurge,
} from "@homebase/db";
import { githubOAuth } from "@homebase/github";
import { defineJob } from "../../types";
import { purgeHold } from "./purge-lease";

/**
 * Purges a deleted account (DELETE /me made it unusable at once). Idempotent and resumable:
 * the account_purges row says what is left, every step commits on its own, and a rerun after
 * a killed worker carries on. Order: revoke the GitHub token, remove the avatar file and the
 * run files, then delete objects, runs, the personal entity and the user row in bounded steps.
 *
 * The job first claims the purge (a lease on its account_purges row, renewed by every step): a
 * purge another live worker holds is left to it, and this job ends at once without doing
 * anything. A killed worker's lease runs out before its job comes back from the queue, so the
 * worker that takes the job over claims the purge and carries on.
 */
export const purgeAccountJob = defineJob({
  name: "purge-account",
  async run({ userId }, { db, clock, config, job, logger }) {
    const holder = crypto.randomUUID();
    const claim = (now: Date) => claimAccountPurge(db, { userId, holder, now });
    const held = () => {
      logger.info({ userId }, "account purge held by another worker; left to it");
      return { purged: false, skipped: "held" as const };
    };
    if (!(await claim(clock()))) return (await getAccountPurge(db, userId)) ? held() : { purged: false };
    try {
      const hold = purgeHold(claim, clock);
      const purge = await getAccountPurge(db, userId);
      if (!purge) return { purged: false };
      if (purge.githubTokenEncrypted) {
        if (config.github) {
          try {
            await githubOAuth(config.github).revoke(decryptSecret(purge.githubTokenEncrypted, config.encryptionKey));
          } catch (error) {
            const status = (error as { status?: number }).status;
            // 404: GitHub no longer knows the token (revoked already). Anything else retries.
            if (status !== 404 && status !== 422) throw error;
          }
        } else {
          logger.warn("GitHub is not configured any more; the deleted account's token cannot be revoked");
        }
        await clearPurgeGithubToken(db, userId);
      }
      if (purge.avatarKey && (await countAvatarUses(db, purge.avatarKey)) === 0) {
        await avatarBlobs(config.blobs).remove(purge.avatarKey);
      }
      // Run files first: a rerun after a kill finds the rows still there and removes what is left.
      const runFiles = runFileStore(config.blobs);
      for (const runId of await listRunsToPurge(db, userId)) {
        if (!(await hold.keep())) return held();
        await runFiles.removeRun(runId);
      }
      let steps = 0;
      for (;;) {
        const step = await purgeAccountStep(db, { userId, holder, now: clock() });
        if (step === "held") return held();
        if (step === "done") break;
        steps += 1;
        await job.updateProgress(Math.min(99, steps));
      }
      logger.info({ steps }, "account purged");
      return { purged: true, steps };
    } catch (error) {
      // Free the purge for this job's retry (a killed worker's lease runs out by itself instead).
      await releaseAccountPurge(db, { userId, holder }).catch(() => undefined);
      throw error;
    }
  },
});
