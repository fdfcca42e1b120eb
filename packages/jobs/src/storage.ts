import { randomUUID } from "node:crypto";
import type { Queues } from "./queues";

/** Usage is recomputed at most once per window per entity: writes in one window share a job. */
export const STORAGE_DEBOUNCE_MS = 1_000;

/** The debounced recalculation of an entity for the window that contains `nowMs`. */
export function storageRecalculationJobId(entityId: string, windowStart: number) {
  return `recalc-${entityId}-${windowStart}`;
}

/**
 * Enqueues the entity's recalculation for the end of the current debounce window. Every write
 * in the window maps to the same job id, so a burst of writes causes one job per window.
 */
export async function enqueueStorageRecalculation(queues: Queues, entityId: string, nowMs = Date.now()) {
  const windowStart = Math.floor(nowMs / STORAGE_DEBOUNCE_MS) * STORAGE_DEBOUNCE_MS;
  return queues.enqueue(
    "recalculate-storage",
    { entityId },
    { jobId: storageRecalculationJobId(entityId, windowStart), delay: windowStart + STORAGE_DEBOUNCE_MS - nowMs + 50 },
  );
}

/**
 * Enqueues an immediate recalculation of one entity that someone asked for. Its id is not
 * guessable: the id alone never grants a look at the job (getJobStatus checks access too).
 */
export async function enqueueStorageRecalculationNow(queues: Queues, entityId: string) {
  return queues.enqueue("recalculate-storage", { entityId }, { jobId: `recalc-now-${entityId}-${randomUUID()}` });
}

/** Enqueues a recalculation of every entity (organisation admins, on demand). */
export async function enqueueAllStorageRecalculation(queues: Queues) {
  return queues.enqueue("recalculate-all-storage", {}, { jobId: `recalc-all-${randomUUID()}` });
}
