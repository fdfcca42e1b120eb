import type { JobName } from "@homebase/jobs";
import type { WorkerConfig } from "./config";
import type { Schedule } from "./types";

const schedule = <N extends JobName>(s: Schedule<N>): Schedule<N> => s;

/**
 * Periodic work. Each entry becomes a BullMQ job scheduler upserted at worker start, so
 * several worker processes agree on one schedule (one job per tick for the whole
 * deployment) and a changed pattern or interval replaces the old one. A running worker also
 * puts back any scheduler Redis lost (see `scheduleCheckIntervalMs`).
 */
export function defaultSchedules(
  config: Pick<WorkerConfig, "watchdogIntervalMs" | "sweepIntervalMs">,
): readonly Schedule[] {
  return [
    schedule({
      id: "purge-expired-sessions",
      job: "purge-expired-sessions",
      payload: {},
      // Hourly, at minute 7 so it does not pile up with other on-the-hour cron work.
      repeat: { pattern: "7 * * * *" },
    }),
    schedule({
      id: "crash-stale-runs",
      job: "crash-stale-runs",
      payload: {},
      // The run watchdog: every few seconds, so a crash is noticed soon after the timeout.
      repeat: { every: config.watchdogIntervalMs },
    }),
    schedule({
      id: "sweep-deliveries",
      job: "sweep-deliveries",
      payload: {},
      repeat: { every: config.sweepIntervalMs },
    }),
    schedule({
      id: "sweep-storage",
      job: "sweep-storage",
      payload: {},
      repeat: { every: 15_000 },
    }),
    schedule({
      id: "sweep-account-purges",
      job: "sweep-account-purges",
      payload: {},
      repeat: { every: 60_000 },
    }),
    schedule({
      id: "remind-expiring-api-keys",
      job: "remind-expiring-api-keys",
      payload: {},
      // Hourly at minute 23: a reminder goes within the hour it falls due.
      repeat: { pattern: "23 * * * *" },
    }),
    schedule({
      id: "recalculate-all-storage",
      job: "recalculate-all-storage",
      payload: {},
      // Daily at 03:17 UTC: corrects any drift of the debounced per-entity recalculations.
      repeat: { pattern: "17 3 * * *" },
    }),
  ];
}
