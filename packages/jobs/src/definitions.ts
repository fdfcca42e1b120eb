import { z } from "zod";

/** Every queue of the system. One BullMQ Worker serves each. */
export const QUEUE_NAMES = ["maintenance"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Every job: its queue and its payload schema. Job names are kebab-case verb-noun.
 * Producers and processors both derive their types from this table.
 */
export const JOBS = {
  "purge-expired-sessions": {
    queue: "maintenance",
    payload: z.object({}).strict(),
  },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]["payload"]>;
export type JobsOfQueue<Q extends QueueName> = {
  [N in JobName]: (typeof JOBS)[N]["queue"] extends Q ? N : never;
}[JobName];

export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return JOBS[name].payload.parse(data) as JobPayload<N>;
}

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}
