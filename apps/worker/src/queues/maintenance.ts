import { defineQueue } from "../types";

/**
 * Housekeeping that is cheap, periodic and safe to run one at a time: purging expired
 * sessions, the run watchdog and the delivery sweeper. One job at a time keeps SQLite writes
 * short and serial; each of these jobs takes milliseconds.
 */
export const maintenanceQueue = defineQueue({
  name: "maintenance",
  concurrency: 1,
  lockDuration: 60_000,
  jobs: [
    "purge-expired-sessions",
    "crash-stale-runs",
    "sweep-deliveries",
    "sweep-storage",
    "sweep-account-purges",
    "remind-expiring-api-keys",
  ],
});
