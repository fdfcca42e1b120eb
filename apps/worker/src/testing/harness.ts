import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDatabase, type Db, type Dialect, openDatabase } from "@homebase/db";
import { openTestDatabase, type TestDatabase } from "@homebase/db/testing";
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
 * fresh test config on `target.dataDir`. `options` overrides any of that.
 */
export function createTestRuntime(
  target: { db: Db; dataDir: string },
  redis: TestRedis,
  options: Partial<Omit<WorkerRuntimeOptions, "db" | "connection" | "prefix">> = {},
): WorkerRuntime {
  return createWorkerRuntime({
    db: target.db,
    connection: redis.connection,
    prefix: redis.prefix,
    logger: createLogger("silent"),
    config: testWorkerConfig({ dataDir: target.dataDir }),
    ...options,
  });
}

/** A temporary DATA_DIR (blobs, outbox, secret key), removed by `cleanup`. */
export function createTestDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "homebase-worker-data-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface WorkerHarnessOptions {
  /** Settings over testWorkerConfig's; `dataDir` is a temporary folder, `smtpUrl` the SMTP server's. */
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
  /**
   * How many worker runtimes to start (default 1): all on the one database and Redis prefix,
   * each with a database connection of its own, as separate worker processes would be.
   */
  workers?: number;
}

export interface WorkerHarness {
  /** The test's own database, of the run's dialect (env HOMEBASE_TEST_DIALECT). */
  database: TestDatabase;
  /** `database.db`: the connection the first runtime and the tests use. */
  db: Db;
  dialect: Dialect;
  /** DATA_DIR: a temporary folder for blobs and the outbox, removed by `close`. */
  dataDir: string;
  redis: TestRedis;
  config: WorkerConfig;
  /** The worker under test, ready (the first of `runtimes`). */
  runtime: WorkerRuntime;
  /** Every runtime started (`workers`), each on its own database connection; the first is `runtime`. */
  runtimes: WorkerRuntime[];
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
 * A real worker as one test file (or one test) needs it: a fresh migrated database of the run's
 * dialect (SQLite file or PostgreSQL database, see openTestDatabase), a temporary DATA_DIR, a
 * Redis prefix of its own, the SMTP server and Slack receiver asked for, the runtime(s) (ready)
 * and a producer. What was started before a failure is stopped again.
 */
export async function startWorkerHarness<const O extends WorkerHarnessOptions>(
  options: O,
): Promise<WorkerHarnessOf<O>> {
  const stops: Array<() => unknown> = [];
  const close = async () => {
    for (let stop = stops.pop(); stop; stop = stops.pop()) await stop();
  };
  try {
    const database = await openTestDatabase();
    stops.push(() => database.cleanup());
    const folder = createTestDataDir();
    stops.push(() => folder.cleanup());
    const redis = await createTestRedis();
    stops.push(() => redis.cleanup());
    const [smtp, slack] = await Promise.all([
      options.smtp ? startSmtpServer() : undefined,
      options.slack ? startSlackReceiver() : undefined,
    ]);
    stops.push(() => Promise.all([smtp?.close(), slack?.close()]));
    const config = testWorkerConfig({ dataDir: folder.dir, ...(smtp && { smtpUrl: smtp.url }), ...options.config });
    const runtimes: WorkerRuntime[] = [];
    for (let i = 0; i < (options.workers ?? 1); i++) {
      let db = database.db;
      if (i > 0) {
        const own = await openDatabase({ url: database.url, dataDir: folder.dir, poolSize: 4 });
        stops.push(() => closeDatabase(own));
        db = own;
      }
      const runtime = createTestRuntime({ db, dataDir: folder.dir }, redis, {
        config,
        ...(options.clock && { clock: options.clock }),
        ...(options.schedules === false && { schedules: false }),
      });
      stops.push(() => runtime.close());
      runtimes.push(runtime);
    }
    await Promise.all(runtimes.map((r) => r.ready));
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
    const harness: WorkerHarness = {
      database,
      db: database.db,
      dialect: database.dialect,
      dataDir: folder.dir,
      redis,
      config,
      runtime: runtimes[0]!,
      runtimes,
      queues,
      data: fixtures(database.db, config.encryptionKey),
      close,
    };
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
