import { defineQueue } from "../types";

/**
 * Account and team purges: long, resumable, one at a time so they never crowd out other writes.
 * Each purge is a loop of short steps, between which BullMQ renews the lock; a killed worker's
 * purge goes back to the queue once its one-minute lock runs out.
 */
export const accountsQueue = defineQueue({
  name: "accounts",
  concurrency: 1,
  lockDuration: 60_000,
  jobs: ["purge-account", "purge-team"],
});
