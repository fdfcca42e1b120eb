import { defineQueue } from "../types";

/**
 * Outgoing e-mail and Slack messages. Deliveries wait on the network, not the CPU, so
 * several run at once; each is idempotent by its delivery id.
 */
export const notificationsQueue = defineQueue({
  name: "notifications",
  concurrency: 8,
  lockDuration: 60_000,
  jobs: ["deliver-notification"],
});
