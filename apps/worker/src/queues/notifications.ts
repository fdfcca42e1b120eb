import { deliveryBackoffStrategy } from "../retry";
import { defineQueue } from "../types";

/**
 * Outgoing e-mail and Slack messages. Deliveries wait on the network, not the CPU, so
 * several run at once; each is idempotent by its delivery id. Retries use the "delivery"
 * backoff: the remote's Retry-After when it sent one, else exponential from the job's base.
 */
export const notificationsQueue = defineQueue({
  name: "notifications",
  concurrency: 8,
  lockDuration: 60_000,
  jobs: ["deliver-notification", "send-account-email"],
  backoffStrategy: (config) => deliveryBackoffStrategy(config.deliveryRetryBaseMs),
});
