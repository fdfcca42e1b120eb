import { enqueueDeliveries } from "@homebase/jobs";
import { boundedWait } from "../lib/bounded";
import type { AppDeps } from "../lib/context";

/**
 * Enqueues delivery jobs for committed delivery rows. Never throws and never waits on Redis for
 * more than REDIS_WAIT_MS: the rows are in the database, and the worker's sweeper enqueues
 * whatever is still pending when Redis answers again.
 */
export async function enqueueCommittedDeliveries(
  deps: Required<AppDeps>,
  deliveryIds: readonly string[],
): Promise<void> {
  if (deliveryIds.length === 0) return;
  const { queues, logger } = deps;
  try {
    await boundedWait(enqueueDeliveries(queues, [...deliveryIds]));
  } catch (err) {
    logger.warn(
      { err: (err as Error).message, deliveries: deliveryIds.length },
      "enqueue failed; the sweeper will retry",
    );
  }
}
