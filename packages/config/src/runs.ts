import { wholeNumber } from "./rules";

export const DEFAULT_RUN_HEARTBEAT_TIMEOUT_S = 300;
export const DEFAULT_WATCHDOG_INTERVAL_MS = 5000;

/**
 * The crash watchdog (the worker marks silent runs crashed):
 * - `RUN_HEARTBEAT_TIMEOUT_S` (300): a run without a heartbeat for this many seconds has crashed;
 * - `WATCHDOG_INTERVAL_MS` (5000, at least 100): how often the watchdog looks; for tests.
 */
export const runsEnv = {
  RUN_HEARTBEAT_TIMEOUT_S: wholeNumber(DEFAULT_RUN_HEARTBEAT_TIMEOUT_S, { unit: "seconds" }),
  WATCHDOG_INTERVAL_MS: wholeNumber(DEFAULT_WATCHDOG_INTERVAL_MS, { min: 100, unit: "milliseconds" }),
};
