import { defineQueue } from "../types";

/**
 * Housekeeping that is cheap, periodic and safe to run one at a time: purging expired
 * sessions, and later sweepers. One job at a time keeps SQLite writes short and serial.
 */
export const maintenanceQueue = defineQueue({
  name: "maintenance",
  concurrency: 1,
  lockDuration: 60_000,
  jobs: ["purge-expired-sessions"],
});
