import { type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { JOBS, type JobName, type JobPayload, QUEUE_NAMES, type QueueName } from "./definitions";

export interface QueuesOptions {
  connection: Redis;
  /** Every Redis key of this deployment starts with it (QUEUE_PREFIX). */
  prefix: string;
}

export interface Queues {
  /** Validates the payload against its schema and adds the job to its queue. */
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts?: JobsOptions): Promise<{ jobId: string }>;
  queue(name: QueueName): Queue;
  close(): Promise<void>;
}

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export function createQueues({ connection, prefix }: QueuesOptions): Queues {
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      queues.set(name, q);
    }
    return q;
  };
  return {
    queue,
    async enqueue(name, payload, opts) {
      const def = JOBS[name];
      const data = def.payload.parse(payload);
      const job = await queue(def.queue).add(name, data, opts);
      return { jobId: job.id ?? "" };
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
    },
  };
}

export { QUEUE_NAMES };

/** Delivery jobs retry with backoff; the delivery id is the job id, so re-enqueueing is idempotent. */
export const DELIVERY_ATTEMPTS = 6;

/**
 * The options of every deliver-notification job. The backoff names the worker's "delivery"
 * strategy and carries no delay: the worker's DELIVERY_RETRY_BASE_MS decides every delivery's
 * retries, whoever enqueued it (API or worker).
 */
export function deliveryJobOptions(deliveryId: string): JobsOptions {
  return {
    jobId: deliveryId,
    attempts: DELIVERY_ATTEMPTS,
    backoff: { type: "delivery" },
  };
}

/** Enqueues one deliver-notification job per delivery id (after the rows are committed). */
export async function enqueueDeliveries(queues: Queues, deliveryIds: readonly string[]) {
  await Promise.all(
    deliveryIds.map((deliveryId) =>
      queues.enqueue("deliver-notification", { deliveryId }, deliveryJobOptions(deliveryId)),
    ),
  );
}

/**
 * The default of the worker's DELIVERY_RETRY_BASE_MS: the first retry of a failed delivery waits
 * this long, then 2×, 4×, 8×, 16×: 620 s over 6 attempts.
 */
export const DELIVERY_RETRY_BASE_MS = 20_000;

/** Account e-mails retry 5 times, 10 s, 20 s, 40 s, … apart; a sent one is removed from Redis at once. */
const ACCOUNT_EMAIL_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 10_000 },
  removeOnComplete: true,
  removeOnFail: { age: 24 * 3600 },
};

/** Enqueues one account e-mail (its job id is a new UUID: also the e-mail's Message-ID). */
export async function enqueueAccountEmail(queues: Queues, payload: JobPayload<"send-account-email">) {
  return queues.enqueue("send-account-email", payload, { ...ACCOUNT_EMAIL_JOB_OPTIONS, jobId: crypto.randomUUID() });
}
