import { deliveryBackoffStrategy } from "../retry";
import { defineQueue } from "../types";

/**
 * Outgoing e-mail and Slack messages. Deliveries wait on the network, not the CPU, so
 * several run at once; each is idempotent by its delivery id. Retries use the "delivery"
 * backoff: the remote's Retry-After when it sent one, else exponential from the job's base.
 *
 * Concurrency is also the bound of duplicates when the worker is killed: Slack webhooks take no
 * idempotency key, so a message the remote accepted just before a SIGKILL, whose "sent" commit
 * the kill prevented, is sent again — at most one per send in flight. 4 in flight keep that
 * under 1 % in the fault test (src/faults.test.ts) and still wait on the network in parallel.
 */
export const notificationsQueue = defineQueue({
  name: "notifications",
  concurrency: 4,
  lockDuration: 60_000,
  jobs: ["deliver-notification", "send-account-email"],
  backoffStrategy: (config) => deliveryBackoffStrategy(config.deliveryRetryBaseMs),
});
