import type { RecalcWorkerRun } from "../children/recalc-worker";
import { REDIS_URL, WORKER_MAIN } from "./paths";
import { type NodeProcess, startNode } from "./proc";
import { round } from "./stats";

/** The real worker process (apps/worker/src/main.ts) on DATA_DIR and QUEUE_PREFIX. */
/** The log line of one timed recalculate-all-storage run (storage-recalc and storage-recalc-pg). */
export function recalcRunLine(roundNumber: number, s: RecalcWorkerRun): string {
  return (
    `round ${roundNumber} worker (full job) ${round(s.seconds, 2)} s (processing ${round(s.processingSeconds ?? Number.NaN, 2)} s, ` +
    `${s.result.entities} entities, ${s.result.alerts} alerts)`
  );
}

export function startWorker(o: { dataDir: string; prefix: string; publicUrl: string; logLevel?: string }): NodeProcess {
  return startNode("worker", WORKER_MAIN, {
    env: {
      NODE_ENV: "production",
      DATA_DIR: o.dataDir,
      QUEUE_PREFIX: o.prefix,
      REDIS_URL,
      PUBLIC_URL: o.publicUrl,
      LOG_LEVEL: o.logLevel ?? "warn",
      // SQLite in DATA_DIR, whatever the shell running the bench has set.
      DATABASE_URL: undefined,
    },
  });
}
