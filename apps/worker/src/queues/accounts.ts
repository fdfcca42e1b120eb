import { defineQueue } from "../types";

/** Account and team purges: long, resumable, one at a time so they never crowd out other writes. */
export const accountsQueue = defineQueue({
  name: "accounts",
  concurrency: 1,
  lockDuration: 5 * 60_000,
  jobs: ["purge-account", "purge-team"],
});
