import type { Db } from "@homebase/db";
import { createTestDb, type TestDb } from "@homebase/db/testing";
import { createQueues, type QueueName, type Queues } from "@homebase/jobs";
import { QueueEvents } from "bullmq";
import { afterAll, beforeAll } from "vitest";
import type { WorkerConfig } from "../config";
import { createLogger } from "../logger";
import type { Clock } from "../types";
import { createWorkerRuntime, type WorkerRuntime, type WorkerRuntimeOptions } from "../worker";
import { testWorkerConfig } from "./config";
import { fixtures } from "./fixtures";
import { createTestRedis, type TestRedis } from "./redis";
import { type SlackReceiver, startSlackReceiver } from "./slack-receiver";
import { startSmtpServer, type TestSmtpServer } from "./smtp";

/**
 * A worker runtime on a test database and Redis prefix that logs nothing; by default with a
 * fresh test config on the database's folder. `options` overrides any of that.
 */
export function createTestRuntime(
  testDb: TestDb,
  redis: TestRedis,
  options: Partial<Omit<WorkerRuntimeOptions, "db" | "connection" | "prefix">> = {},
): WorkerRuntime {
  return createWorkerRuntime({
    db: testDb.db,
    connection: redis.connection,
    prefix: redis.prefix,
    logger: createLogger("silent"),
    config: testWorkerConfig({ dataDir: testDb.dir }),
    ...options,
  });
}

export interface WorkerHarnessOptions {
  /** Settings over testWorkerConfig's; `dataDir` is the database's folder, `smtpUrl` the SMTP server's. */
  config?: Partial<Omit<WorkerConfig, "dataDir">>;
  clock?: Clock;
  /** `false`: register no job schedulers (see WorkerRuntimeOptions). */
  schedules?: false;
  /** Start a real SMTP server and send mail to it (without it, mail goes to DATA_DIR/outbox). */
  smtp?: boolean;
  /** Start a real HTTP server standing in for Slack. */
  slack?: boolean;
  /** Listen to this queue's events, for `job.waitUntilFinished`. */
  events?: QueueName;
}

export interface WorkerHarness {
  testDb: TestDb;
  db: Db;
  redis: TestRedis;
  config: WorkerConfig;
  /** The worker under test, ready. */
  runtime: WorkerRuntime;
  /** A producer on the runtime's prefix, as the API has. */
  queues: Queues;
  /** Test data on `db` (see fixtures). */
  data: ReturnType<typeof fixtures>;
  /** Stops and removes everything, last started first. */
  close(): Promise<void>;
}

/** The harness with the receivers and the queue events its options asked for. */
export type WorkerHarnessOf<O extends WorkerHarnessOptions> = WorkerHarness &
  (O extends { smtp: true } ? { smtp: TestSmtpServer } : unknown) &
  (O extends { slack: true } ? { slack: SlackReceiver } : unknown) &
  (O extends { events: QueueName } ? { events: QueueEvents } : unknown);

/**
 * A real worker as one test file (or one test) needs it: a migrated SQLite file, a Redis prefix
 * of its own, the SMTP server and Slack receiver asked for, the runtime (ready) and a producer.
 * What was started before a failure is stopped again.
 */
export async function startWorkerHarness<const O extends WorkerHarnessOptions>(
  options: O,
): Promise<WorkerHarnessOf<O>> {
  const stops: Array<() => unknown> = [];
  const close = async () => {
    for (let stop = stops.pop(); stop; stop = stops.pop()) await stop();
  };
  try {
    const testDb = createTestDb();
    stops.push(() => testDb.cleanup());
    const redis = await createTestRedis();
    stops.push(() => redis.cleanup());
    const [smtp, slack] = await Promise.all([
      options.smtp ? startSmtpServer() : undefined,
      options.slack ? startSlackReceiver() : undefined,
    ]);
    stops.push(() => Promise.all([smtp?.close(), slack?.close()]));
    const config = testWorkerConfig({ dataDir: testDb.dir, ...(smtp && { smtpUrl: smtp.url }), ...options.config });
    const runtime = createTestRuntime(testDb, redis, {
      config,
      ...(options.clock && { clock: options.clock }),
      ...(options.schedules === false && { schedules: false }),
    });
    stops.push(() => runtime.close());
    await runtime.ready;
    const queues = createQueues({ connection: redis.connection, prefix: redis.prefix });
    stops.push(() => queues.close());
    let events: QueueEvents | undefined;
    if (options.events) {
      const listener = new QueueEvents(options.events, {
        connection: redis.connection.duplicate(),
        prefix: redis.prefix,
      });
      events = listener;
      stops.push(() => listener.close());
      await listener.waitUntilReady();
    }
    const data = fixtures(testDb.db, config.encryptionKey);
    const harness: WorkerHarness = { testDb, db: testDb.db, redis, config, runtime, queues, data, close };
    return Object.assign(harness, { smtp, slack, events }) as WorkerHarnessOf<O>;
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * `startWorkerHarness` for a whole test file: started in beforeAll, closed in afterAll. The
 * returned object is filled in by beforeAll, so read its fields inside tests and hooks only.
 */
export function useWorkerHarness<const O extends WorkerHarnessOptions>(options: O): WorkerHarnessOf<O> {
  const harness = {} as WorkerHarnessOf<O>;
  beforeAll(async () => {
    Object.assign(harness, await startWorkerHarness(options));
  });
  afterAll(async () => {
    await harness.close?.();
  });
  return harness;
}
