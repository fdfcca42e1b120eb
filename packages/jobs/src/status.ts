import type { QueueName } from "./definitions";
import type { Queues } from "./queues";

/** The states a job shows to clients: BullMQ's, with every other one (prioritized, waiting-children, …) as "unknown". */
export const JOB_STATES = ["waiting", "delayed", "active", "completed", "failed", "unknown"] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobStatus {
  id: string;
  state: JobState;
  /** The progress the job reported, 0–100 (a job whose progress is not a number: 100 once completed, else 0). */
  progress: number;
}

/** What a reader may know of a job to decide whether they may see it: the entity it works on, if any. */
export interface JobSubject {
  name: string;
  /** The payload's `entityId`; null for jobs of no one entity (such as recalculating everything). */
  entityId: string | null;
}

export function toJobState(state: string): JobState {
  return (JOB_STATES as readonly string[]).includes(state) ? (state as JobState) : "unknown";
}

/**
 * The status of job `id` of `queue`, or null when there is no such job or `mayRead` refuses it:
 * a job the caller may not see is as absent as a job that never was.
 */
export async function getJobStatus(
  queues: Queues,
  queue: QueueName,
  id: string,
  mayRead: (job: JobSubject) => boolean | Promise<boolean>,
): Promise<JobStatus | null> {
  const job = await queues.queue(queue).getJob(id);
  if (!job) return null;
  const data = job.data as { entityId?: unknown } | undefined;
  const entityId = typeof data?.entityId === "string" ? data.entityId : null;
  if (!(await mayRead({ name: job.name, entityId }))) return null;
  const state = toJobState(await job.getState());
  const progress = typeof job.progress === "number" ? job.progress : state === "completed" ? 100 : 0;
  return { id, state, progress };
}
