import { listPendingPurges } from "@homebase/db";
import { defineJob } from "../../types";

/** Purges recorded in the database but not finished (a lost job) are enqueued again. */
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
    return { requeued: pending.length };
  },
});
