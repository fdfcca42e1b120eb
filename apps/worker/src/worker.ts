import type { Db } from "@homebase/db";
import {
  createQueues,
  isConnectionError,
  isJobName,
  JOBS,
  type JobName,
  parsePayload,
  QUEUE_NAMES,
  type QueueName,
  type Queues,
} from "@homebase/jobs";
import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { type Channels, createChannels } from "./channels";
import type { WorkerConfig } from "./config";
import type { Logger } from "./logger";
import { PROCESSORS } from "./processors";
import { QUEUE_CONFIGS } from "./queues";
import { defaultSchedules } from "./schedules";
import type { Clock, JobContext, ProcessorRegistry, QueueConfig, Schedule } from "./types";

export { defineWorkerConfig, type WorkerConfig } from "./config";
export type { Clock, JobContext, JobProcessor, ProcessorRegistry, Schedule } from "./types";
export { defineJob } from "./types";

export interface WorkerRuntimeOptions {
  db: Db;
  /** A shared ioredis connection created with `maxRetriesPerRequest: null`. The caller owns and closes it. */
  connection: Redis;
  /** QUEUE_PREFIX: every Redis key of this deployment starts with it. */
  prefix: string;
  logger: Logger;
  /** The deployment's settings, handed to every processor. */
  config: WorkerConfig;
  clock?: Clock;
  /**
   * Periodic work to register (defaults to `defaultSchedules(config)`); schedulers this list
   * does not name are removed. `false` leaves job schedulers alone (extra runtimes in tests,
   * one-off tools).
   */
  schedules?: readonly Schedule[] | false;
  /** Job name → processor; defaults to PROCESSORS. Queues with no processor here get no Worker. */
  processors?: Partial<ProcessorRegistry>;
}

export interface WorkerRuntime {
  workers: ReadonlyMap<QueueName, Worker>;
  /** Resolves once every worker is connected and every job scheduler is registered. */
  ready: Promise<void>;
  /** Stops taking jobs, waits for running ones to finish, and closes queues. Idempotent. */
  close(): Promise<void>;
}

/** How long a job without a processor in this build waits before it is offered again. */
export const UNREGISTERED_JOB_DELAY_MS = 60_000;

/** Starts one BullMQ Worker per queue, dispatching jobs by name to their processors. */
/** Jobs the worker's schedules run over and over; their completions log at debug level. */
const ROUTINE_JOBS = new Set([
  "crash-stale-runs",
  "sweep-deliveries",
  "sweep-storage",
  "sweep-account-purges",
  "purge-expired-sessions",
]);

export function createWorkerRuntime(options: WorkerRuntimeOptions): WorkerRuntime {
  const { db, connection, prefix, logger, config } = options;
  const clock = options.clock ?? (() => new Date());
  const queues = createQueues({ connection, prefix });
  const channels: Channels = createChannels(config);

  const registry: Partial<ProcessorRegistry> = options.processors ?? PROCESSORS;
  const processorFor = (queueName: QueueName) => async (job: Job, token: string | undefined) => {
    const log = logger.child({ queue: queueName, jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
    const name = job.name;
    if (!isJobName(name)) {
      throw new UnrecoverableError(`Unknown job name "${name}" on queue "${queueName}"`);
    }
    if (JOBS[name].queue !== queueName) {
      throw new UnrecoverableError(`Job "${name}" belongs to queue "${JOBS[name].queue}", not "${queueName}"`);
    }
    if (!registry[name]) {
      // A job this build defines but cannot process yet (e.g. a newer API during a rolling
      // deploy): park it instead of failing it, so a worker that knows it picks it up later.
      log.warn({ retryInMs: UNREGISTERED_JOB_DELAY_MS }, "no processor registered for this job; delaying it");
      await job.moveToDelayed(Date.now() + UNREGISTERED_JOB_DELAY_MS, token);
      throw new DelayedError();
    }
    const ctx: JobContext = { db, logger: log, clock, queues, config, channels, job, token };
    return runJob(name, job.data, ctx, registry);
  };

  const workers = new Map<QueueName, Worker>();
  // Queues without any processor in this build get no Worker: their jobs wait in Redis.
  const servedQueues = QUEUE_NAMES.filter((q) => Object.values(registry).some((p) => p && JOBS[p.name].queue === q));
  for (const queueName of servedQueues) {
    const queueConfig: Omit<QueueConfig, "name" | "jobs"> = QUEUE_CONFIGS[queueName] ?? { concurrency: 1 };
    const worker = new Worker(queueName, processorFor(queueName), {
      connection,
      prefix,
      concurrency: queueConfig.concurrency,
      ...(queueConfig.lockDuration ? { lockDuration: queueConfig.lockDuration } : {}),
      ...(queueConfig.limiter ? { limiter: queueConfig.limiter } : {}),
      ...(queueConfig.backoffStrategy ? { settings: { backoffStrategy: queueConfig.backoffStrategy(config) } } : {}),
    });
    worker.on("completed", (job) => {
      const ms = job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : undefined;
      // Scheduled housekeeping completes every few seconds: worth a line only when debugging.
      const routine = job.repeatJobKey !== undefined || ROUTINE_JOBS.has(job.name);
      logger[routine ? "debug" : "info"]({ queue: queueName, jobId: job.id, job: job.name, ms }, "job completed");
    });
    worker.on("failed", (job, error) => {
      if (error instanceof DelayedError) return;
      const permanent = error instanceof UnrecoverableError || error.name === "UnrecoverableError";
      const willRetry = !permanent && job !== undefined && job.attemptsMade < (job.opts.attempts ?? 1);
      logger[willRetry ? "warn" : "error"](
        { queue: queueName, jobId: job?.id, job: job?.name, attempts: job?.attemptsMade, willRetry, err: error },
        "job failed",
      );
    });
    // A Redis outage is reported once by main.ts's connection; its failed attempts are not news.
    worker.on("error", (error) => {
      if (!isConnectionError(error)) logger.error({ queue: queueName, err: error }, "worker error");
    });
    workers.set(queueName, worker);
  }

  const schedules = options.schedules ?? defaultSchedules(config);
  let keeper: NodeJS.Timeout | undefined;
  let checking: Promise<void> | undefined;
  let closed = false;
  const ready = (async () => {
    await Promise.all([...workers.values()].map((w) => w.waitUntilReady()));
    if (schedules) await registerSchedules(queues, schedules, logger);
    const scheduleIds = schedules ? schedules.map((s) => s.id) : [];
    logger.info({ queues: [...workers.keys()], prefix, schedules: scheduleIds }, "worker ready");
    if (schedules && !closed) {
      // Redis may lose the schedulers (FLUSHALL, a restart without persistence): put them back,
      // or the watchdog and the sweeper, which make up for lost jobs, would stop for good.
      keeper = setInterval(() => {
        if (checking || closed) return;
        checking = restoreMissingSchedules(queues, schedules, logger)
          .catch((err: Error) => logger.warn({ err: { message: err.message } }, "job scheduler check failed"))
          .finally(() => {
            checking = undefined;
          });
      }, config.scheduleCheckIntervalMs);
      keeper.unref();
    }
  })();
  // Surface a failed start through `ready`, never as an unhandled rejection.
  ready.catch(() => {});

  let closing: Promise<void> | undefined;
  return {
    workers,
    ready,
    close() {
      closing ??= (async () => {
        closed = true;
        clearInterval(keeper);
        await checking;
        await Promise.allSettled([...workers.values()].map((w) => w.close()));
        await queues.close();
        channels.close();
        logger.info("worker closed");
      })();
      return closing;
    },
  };
}

/** Validates the payload against the job's schema and hands it to the registered processor. */
async function runJob<N extends JobName>(
  name: N,
  data: unknown,
  ctx: JobContext,
  registry: Partial<ProcessorRegistry>,
) {
  let payload: ReturnType<typeof parsePayload<N>>;
  try {
    payload = parsePayload(name, data);
  } catch (error) {
    if (error instanceof z.ZodError) {
      throw new UnrecoverableError(`Invalid payload for "${name}": ${z.prettifyError(error)}`);
    }
    throw error;
  }
  const processor = registry[name] as ProcessorRegistry[N];
  return processor.run(payload, ctx);
}

/** Upserts one schedule as a BullMQ job scheduler (idempotent by its id). */
async function upsertSchedule(queues: Queues, s: Schedule) {
  await queues.queue(JOBS[s.job].queue).upsertJobScheduler(s.id, s.repeat, {
    name: s.job,
    data: s.payload,
    opts: { attempts: 3, backoff: { type: "exponential", delay: 10_000 } },
  });
}

/** Puts back every schedule whose job scheduler is gone from Redis. */
async function restoreMissingSchedules(queues: Queues, schedules: readonly Schedule[], logger: Logger) {
  for (const s of schedules) {
    if (await queues.queue(JOBS[s.job].queue).getJobScheduler(s.id)) continue;
    await upsertSchedule(queues, s);
    logger.warn({ scheduler: s.id }, "job scheduler was missing from Redis; restored");
  }
}

/**
 * Upserts every schedule as a BullMQ job scheduler and removes schedulers this code no
 * longer defines, so renaming or dropping periodic work does not leave a ghost behind.
 */
async function registerSchedules(queues: Queues, schedules: readonly Schedule[], logger: Logger) {
  const wanted = new Map<QueueName, Set<string>>(QUEUE_NAMES.map((q) => [q, new Set<string>()]));
  for (const s of schedules) {
    wanted.get(JOBS[s.job].queue)?.add(s.id);
    await upsertSchedule(queues, s);
  }
  for (const [queueName, ids] of wanted) {
    const existing = await queues.queue(queueName).getJobSchedulers();
    for (const scheduler of existing) {
      if (scheduler.key && !ids.has(scheduler.key)) {
        await queues.queue(queueName).removeJobScheduler(scheduler.key);
        logger.info({ queue: queueName, scheduler: scheduler.key }, "stale job scheduler removed");
      }
    }
  }
}
