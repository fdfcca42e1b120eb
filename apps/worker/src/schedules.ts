import type { JobName } from "@homebase/jobs";
import type { Schedule } from "./types";

const schedule = <N extends JobName>(s: Schedule<N>): Schedule<N> => s;

/**
 * Periodic work. Each entry becomes a BullMQ job scheduler upserted at worker start, so
 * several worker processes agree on one schedule and a changed pattern replaces the old one.
 */
export const SCHEDULES: readonly Schedule[] = [
  schedule({
    id: "purge-expired-sessions",
    job: "purge-expired-sessions",
    payload: {},
    // Hourly, at minute 7 so it does not pile up with other on-the-hour cron work.
    repeat: { pattern: "7 * * * *" },
  }),
];
