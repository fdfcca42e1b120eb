import type { RecalcWorkerRun } from "../children/recalc-worker";
import { REDIS_URL, WORKER_MAIN } from "./paths";
import { type NodeProcess, startNode } from "./proc";
import { atMost, type Row } from "./report";
import { median, round } from "./stats";

/** The real worker process (apps/worker/src/main.ts) on DATA_DIR and QUEUE_PREFIX. */
/** The log line of one timed recalculate-all-storage run (storage-recalc and storage-recalc-pg). */
export function recalcRunLine(roundNumber: number, s: RecalcWorkerRun): string {
  return (
    `round ${roundNumber} worker (full job) ${round(s.seconds, 2)} s (processing ${round(s.processingSeconds ?? Number.NaN, 2)} s, ` +
    `${s.result.entities} entities, ${s.result.alerts} alerts)`
  );
}

/**
 * The two headline rows of storage-recalc(-pg): the worker's full recalculation (median seconds
 * from enqueue to completion) against `baseSeconds`, the raw SQL baseline, with the target
 * ratio ≤ 2; and the same with BullMQ's processing time only.
 */
export function recalcRows(subjects: readonly RecalcWorkerRun[], baseSeconds: number, label: string): Row[] {
  const subject = median(subjects.map((s) => s.seconds));
  return [
    {
      what: `full recalculation, ${label}`,
      unit: "s",
      figure: subject,
      baseline: baseSeconds,
      ratio: subject / baseSeconds,
      target: "ratio ≤ 2",
      pass: atMost(subject / baseSeconds, 2),
    },
    {
      what: "same, BullMQ processing time only",
      unit: "s",
      figure: median(subjects.map((s) => s.processingSeconds ?? Number.NaN)),
      baseline: baseSeconds,
    },
  ];
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
