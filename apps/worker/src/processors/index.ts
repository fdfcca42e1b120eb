import type { ProcessorRegistry } from "../types";
import { purgeExpiredSessionsJob } from "./maintenance/purge-expired-sessions";
import { deliverNotificationJob } from "./notifications/deliver-notification";
import { sweepDeliveriesJob } from "./notifications/sweep-deliveries";
import { crashStaleRunsJob } from "./runs/crash-stale-runs";

/** Job name → processor. The worker dispatches by `job.name` through this table. */
export const PROCESSORS: ProcessorRegistry = {
  "purge-expired-sessions": purgeExpiredSessionsJob,
  "crash-stale-runs": crashStaleRunsJob,
  "sweep-deliveries": sweepDeliveriesJob,
  "deliver-notification": deliverNotificationJob,
};
