import { ACCOUNT_EMAIL_KINDS } from "@homebase/core";
import { z } from "zod";

/** Every queue of the system. One BullMQ Worker serves each. */
export const QUEUE_NAMES = ["maintenance", "notifications", "storage", "accounts"] as const;
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
  /** Marks crashed the runs that sent no heartbeat for RUN_HEARTBEAT_TIMEOUT_S (watchdog, every few seconds). */
  "crash-stale-runs": {
    queue: "maintenance",
    payload: z.object({}).strict(),
  },
  /** E-mails the owners of API keys that expire in 7 days, and on the day (hourly; each e-mail once). */
  "remind-expiring-api-keys": {
    queue: "maintenance",
    payload: z.object({}).strict(),
  },
  /** Re-enqueues deliveries still pending 30 s after they were due (lost jobs, flushed Redis). */
  "sweep-deliveries": {
    queue: "maintenance",
    payload: z.object({}).strict(),
  },
  /** Recomputes one entity's usage, level and history; debounced per entity by a time-bucketed job id. */
  "recalculate-storage": {
    queue: "storage",
    payload: z.object({ entityId: z.string().min(1).max(64) }).strict(),
  },
  /** Recomputes every entity in batches, reporting progress (daily, and on demand). */
  "recalculate-all-storage": {
    queue: "storage",
    payload: z.object({}).strict(),
  },
  /** Re-enqueues recalculations of entities whose usage stayed stale (a lost job). */
  "sweep-storage": {
    queue: "maintenance",
    payload: z.object({}).strict(),
  },
  /** Purges a deleted account's data in resumable steps (the account_purges row says what is left). */
  "purge-account": {
    queue: "accounts",
    payload: z.object({ userId: z.string().min(1).max(64) }).strict(),
  },
  /** Purges a deleted team's data (projects, runs, objects) in resumable steps, then the team itself. */
  "purge-team": {
    queue: "accounts",
    payload: z.object({ teamId: z.string().min(1).max(64) }).strict(),
  },
  /** Re-enqueues account and team purges that are still pending (a lost job). */
  "sweep-account-purges": {
    queue: "maintenance",
    payload: z.object({}).strict(),
  },
  /**
   * Sends one e-mail about the account (verification, password reset, security notices). The
   * link's single-use token travels sealed with SECRET_KEY's key (AES-256-GCM), never in clear,
   * and the job is removed once sent.
   */
  "send-account-email": {
    queue: "notifications",
    payload: z
      .object({
        kind: z.enum(ACCOUNT_EMAIL_KINDS),
        to: z.string().min(3).max(254),
        username: z.string().min(1).max(64),
        sealedToken: z.string().max(512).optional(),
        newEmail: z.string().max(254).optional(),
        keyId: z.string().max(64).optional(),
        keyName: z.string().max(128).optional(),
        address: z.string().max(64).optional(),
        userAgent: z.string().max(256).optional(),
        foundAt: z.string().max(2048).optional(),
        expiresAt: z.string().max(40).optional(),
      })
      .strict(),
  },
  /** Sends one delivery (one notification on one channel). jobId = deliveryId. */
  "deliver-notification": {
    queue: "notifications",
    payload: z.object({ deliveryId: z.string().min(1).max(64) }).strict(),
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
