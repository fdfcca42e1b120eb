import { crashStaleRuns } from "@homebase/db";
import { enqueueDeliveries } from "@homebase/jobs";
import { defineJob } from "../../types";

/** Runs crashed per transaction; a bigger backlog is worked through in several. */
const BATCH = 500;
/** Batches per tick: the next tick (every few seconds) carries on. */
const MAX_BATCHES = 10;

/**
 * The watchdog (every WATCHDOG_INTERVAL_MS): marks crashed every running run without a
 * heartbeat for RUN_HEARTBEAT_TIMEOUT_S and enqueues the alerts recorded with it.
 *
 * Safe with several workers at once: `crashStaleRuns` ends a run only while it is still
 * running, in one transaction with its notification (idempotency key run:<id>:crashed), so
 * each run crashes once and alerts once whoever gets there first. If enqueueing fails
 * (Redis down), the deliveries are already committed and the sweeper enqueues them later.
 */
export const crashStaleRunsJob = defineJob({
  name: "crash-stale-runs",
  async run(_payload, { db, clock, config, queues, logger }) {
    let crashed = 0;
    let enqueued = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const result = await crashStaleRuns(db, {
        now: clock(),
        timeoutSeconds: config.runHeartbeatTimeoutSeconds,
        publicUrl: config.publicUrl,
        limit: BATCH,
      });
      crashed += result.crashed;
      if (result.deliveryIds.length > 0) {
        await enqueueDeliveries(queues, result.deliveryIds);
        enqueued += result.deliveryIds.length;
      }
      if (result.crashed < BATCH) break;
    }
    if (crashed > 0) logger.info({ crashed, enqueued }, "stale runs marked crashed");
    return { crashed, enqueued };
  },
});
