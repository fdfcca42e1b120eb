import type { ProcessorRegistry } from "../types";
import { purgeAccountJob } from "./accounts/purge-account";
import { purgeTeamJob } from "./accounts/purge-team";
import { remindExpiringApiKeysJob } from "./accounts/remind-expiring-api-keys";
import { sendAccountEmailJob } from "./accounts/send-account-email";
import { purgeExpiredSessionsJob } from "./maintenance/purge-expired-sessions";
import { sweepAccountPurgesJob } from "./maintenance/sweep-account-purges";
import { sweepStorageJob } from "./maintenance/sweep-storage";
import { deliverNotificationJob } from "./notifications/deliver-notification";
import { sweepDeliveriesJob } from "./notifications/sweep-deliveries";
import { crashStaleRunsJob } from "./runs/crash-stale-runs";
import { recalculateAllStorageJob } from "./storage/recalculate-all-storage";
import { recalculateStorageJob } from "./storage/recalculate-storage";

/** Job name → processor. The worker dispatches by `job.name` through this table. */
export const PROCESSORS: ProcessorRegistry = {
  "purge-expired-sessions": purgeExpiredSessionsJob,
  "crash-stale-runs": crashStaleRunsJob,
  "sweep-deliveries": sweepDeliveriesJob,
  "deliver-notification": deliverNotificationJob,
  "send-account-email": sendAccountEmailJob,
  "remind-expiring-api-keys": remindExpiringApiKeysJob,
  "recalculate-storage": recalculateStorageJob,
  "recalculate-all-storage": recalculateAllStorageJob,
  "sweep-storage": sweepStorageJob,
  "purge-account": purgeAccountJob,
  "purge-team": purgeTeamJob,
  "sweep-account-purges": sweepAccountPurgesJob,
};
