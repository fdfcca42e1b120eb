import { listOverdueDeliveries } from "@homebase/db";
import { deliveryJobOptions } from "@homebase/jobs";
import { defineJob } from "../../types";

/** Deliveries looked at per sweep (oldest first); a bigger backlog takes several sweeps. */
const SWEEP_LIMIT = 1000;
/** Redis round trips in flight at once. */
const PARALLEL = 50;

/**
 * The safety net under Redis (every 10 s): every delivery still pending 30 s after it was due
 * gets its job back. Jobs are keyed by delivery id, so:
 * - a job still in Redis (waiting, delayed, active) is left alone: it will run;
 * - a job Redis lost (flushed, restarted without persistence, evicted) is added again;
 * - a job Redis finished while the row stayed pending (failed for stalling too often, or
 *   out of sync with the row) is replaced by a fresh one. The row's own attempt counter still
 *   bounds the retries.
 * Re-adding is always safe: the processor sends only a pending, unleased row.
 */
export const sweepDeliveriesJob = defineJob({
  name: "sweep-deliveries",
  async run(_payload, { db, clock, config, queues, logger }) {
    const before = new Date(clock().getTime() - config.sweepOverdueMs);
    const overdue = await listOverdueDeliveries(db, { before, limit: SWEEP_LIMIT });
    const queue = queues.queue("notifications");
    let requeued = 0;
    let replaced = 0;
    const sweepOne = async (deliveryId: string) => {
      const state = await queue.getJobState(deliveryId);
      if (state === "completed" || state === "failed") {
        // remove() refuses a job that is locked (being processed right now): then leave it be.
        if ((await queue.remove(deliveryId)) !== 1) return;
        replaced += 1;
      } else if (state !== "unknown") return;
      await queues.enqueue("deliver-notification", { deliveryId }, deliveryJobOptions(deliveryId));
      requeued += 1;
    };
    for (let i = 0; i < overdue.length; i += PARALLEL) {
      await Promise.all(overdue.slice(i, i + PARALLEL).map((d) => sweepOne(d.id)));
    }
    if (requeued > 0) logger.warn({ overdue: overdue.length, requeued, replaced }, "overdue deliveries re-enqueued");
    return { overdue: overdue.length, requeued, replaced };
  },
});
