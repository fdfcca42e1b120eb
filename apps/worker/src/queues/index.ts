import type { QueueName } from "@homebase/jobs";
import type { QueueConfig } from "../types";
import { accountsQueue } from "./accounts";
import { maintenanceQueue } from "./maintenance";
import { notificationsQueue } from "./notifications";
import { storageQueue } from "./storage";

/** Every queue's worker settings; a queue added to @homebase/jobs without one fails typecheck. */
export const QUEUE_CONFIGS: { [Q in QueueName]: QueueConfig<Q> } = {
  maintenance: maintenanceQueue,
  notifications: notificationsQueue,
  storage: storageQueue,
  accounts: accountsQueue,
};
