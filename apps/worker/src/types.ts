import type { Db } from "@homebase/db";
import type { JobName, JobPayload, JobsOfQueue, QueueName, Queues } from "@homebase/jobs";
import type { BackoffStrategy, Job } from "bullmq";
import type { Channels } from "./channels";
import type { WorkerConfig } from "./config";
import type { Logger } from "./logger";

/** The worker's notion of "now"; tests pass a fixed clock. */
export type Clock = () => Date;

/** What a processor receives besides its payload. Built once per job. */
export interface JobContext {
  db: Db;
  /** A child logger carrying the job's id, name and attempt. */
  logger: Logger;
  clock: Clock;
  /** Producers for follow-up work (typed like the API's). */
  queues: Queues;
  /** The deployment's settings (PUBLIC_URL, timeouts, retry base, …). */
  config: WorkerConfig;
  /** E-mail and Slack senders. */
  channels: Channels;
  job: Job;
  /** The job's lock token, for moving it (e.g. `job.moveToDelayed(at, token)`). */
  token: string | undefined;
}

/** One job type: its name and how to run it. One file per job under processors/<domain>/. */
export interface JobProcessor<N extends JobName> {
  name: N;
  run: (payload: JobPayload<N>, ctx: JobContext) => Promise<unknown>;
}

export function defineJob<N extends JobName>(processor: JobProcessor<N>): JobProcessor<N> {
  return processor;
}

/** Every job name mapped to its processor: adding a job to @homebase/jobs without one fails typecheck. */
export type ProcessorRegistry = { [N in JobName]: JobProcessor<N> };

/** How one queue is worked. One file per queue under queues/. */
export interface QueueConfig<Q extends QueueName = QueueName> {
  name: Q;
  /** Jobs of this queue processed in parallel by one worker process. */
  concurrency: number;
  /**
   * The job lock (ms). BullMQ renews it every half of this while the job runs, so it bounds how
   * long one synchronous step may block the event loop, and how long a killed worker's active
   * job waits before the stalled check (every 30 s) hands it to another worker.
   */
  lockDuration?: number;
  /** Upper bound of jobs started per `duration` ms across all workers, when set. */
  limiter?: { max: number; duration: number };
  /** Documentation and exhaustiveness: the job names this queue carries. */
  jobs?: readonly JobsOfQueue<Q>[];
  /** BullMQ `settings.backoffStrategy` for the custom backoff types of this queue's jobs. */
  backoffStrategy?: (config: WorkerConfig) => BackoffStrategy;
}

export function defineQueue<Q extends QueueName>(config: QueueConfig<Q>): QueueConfig<Q> {
  return config;
}

/** Periodic work, registered as a BullMQ job scheduler (idempotent upsert by `id`). */
export interface Schedule<N extends JobName = JobName> {
  /** Scheduler id; also what BullMQ shows in dashboards. */
  id: string;
  job: N;
  payload: JobPayload<N>;
  /** Cron pattern (UTC) or fixed interval in ms. */
  repeat: { pattern: string } | { every: number };
}
