import { defineQueue } from "../types";

/**
 * Usage recalculations. One at a time: each is one SQLite transaction, and the full
 * recalculation walks every entity in batches, reporting progress.
 */
export const storageQueue = defineQueue({
  name: "storage",
  concurrency: 1,
  lockDuration: 10 * 60_000,
  jobs: ["recalculate-storage", "recalculate-all-storage"],
});
