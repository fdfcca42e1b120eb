import { defineQueue } from "../types";

/**
 * Usage recalculations. One at a time: each is one SQLite transaction, and the full
 * recalculation walks every entity in batches, reporting progress. The lock is renewed between
 * batches, so a minute's lock is enough, and a killed worker's recalculation goes back to the
 * queue within about a minute and a half (lock plus BullMQ's 30 s stalled check).
 */
export const storageQueue = defineQueue({
  name: "storage",
  concurrency: 1,
  lockDuration: 60_000,
  jobs: ["recalculate-storage", "recalculate-all-storage"],
});
