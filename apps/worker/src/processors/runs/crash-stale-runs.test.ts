import { closeDatabase, type Db, findRun, finishRun, heartbeatRun, openDatabase } from "@homebase/db";
import { openTestDatabase, type TestDatabase } from "@homebase/db/testing";
import { createQueues, type Queues } from "@homebase/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkerConfig } from "../../config";
import { createLogger } from "../../logger";
import { testWorkerConfig } from "../../testing/config";
import { fixtures } from "../../testing/fixtures";
import { createTestDataDir } from "../../testing/harness";
import { createTestRedis, type TestRedis } from "../../testing/redis";
import { startSmtpServer, type TestSmtpServer } from "../../testing/smtp";
import { createWorkerRuntime, type WorkerRuntime } from "../../worker";

/**
 * The watchdog with RUN_HEARTBEAT_TIMEOUT_S=2, run by two workers at once: two runtimes on the
 * same Redis prefix, each with its own connection to the same database (SQLite file or
 * PostgreSQL database), as two worker processes would be. Every silent run crashes once and alerts once.
 */

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

let database: TestDatabase;
let dataDir: ReturnType<typeof createTestDataDir>;
let secondDb: Db;
let redis: TestRedis;
let smtp: TestSmtpServer;
let config: WorkerConfig;
let watchdogs: WorkerRuntime[];
/** Each watchdog's log lines. */
const logs: Array<Array<{ msg: string; job?: string }>> = [[], []];
let queues: Queues;
let f: ReturnType<typeof fixtures>;

beforeAll(async () => {
  database = await openTestDatabase();
  dataDir = createTestDataDir();
  secondDb = await openDatabase({ url: database.url, dataDir: dataDir.dir, poolSize: 4 });
  redis = await createTestRedis(REDIS_URL);
  smtp = await startSmtpServer();
  config = testWorkerConfig({
    dataDir: dataDir.dir,
    smtpUrl: smtp.url,
    runHeartbeatTimeoutSeconds: 2,
    watchdogIntervalMs: 250,
  });
  watchdogs = [database.db, secondDb].map((db, i) =>
    createWorkerRuntime({
      db,
      connection: redis.connection,
      prefix: redis.prefix,
      logger: createLogger("debug", { write: (line: string) => void logs[i]!.push(JSON.parse(line)) }),
      config,
    }),
  );
  await Promise.all(watchdogs.map((w) => w.ready));
  queues = createQueues({ connection: redis.connection, prefix: redis.prefix });
  f = fixtures(database.db, config.encryptionKey);
});

afterAll(async () => {
  await queues?.close();
  await Promise.all((watchdogs ?? []).map((w) => w.close()));
  await redis?.cleanup();
  await smtp?.close();
  if (secondDb) await closeDatabase(secondDb);
  await database?.cleanup();
  dataDir?.cleanup();
});

const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));

describe("crash-stale-runs (the watchdog)", () => {
  it("is scheduled every WATCHDOG_INTERVAL_MS", async () => {
    const schedulers = await queues.queue("maintenance").getJobSchedulers();
    expect(schedulers.find((s) => s.key === "crash-stale-runs")).toMatchObject({
      name: "crash-stale-runs",
      every: 250,
    });
  });

  it("crashes a run that stopped sending heartbeats, once, with exactly one alert, and spares a live one", async () => {
    const user = await f.user({ username: "ada" });
    const silent = await f.run(user.id, { project: "mnist", name: "quiet-night-1" });
    const alive = await f.run(user.id, { project: "mnist", name: "rapid-wave-2" });
    const beat = setInterval(() => void heartbeatRun(database.db, { id: alive.id, now: new Date() }), 300);
    try {
      const started = Date.now();
      await expect
        .poll(async () => (await findRun(database.db, silent.id))?.run.state, { timeout: 10_000, interval: 100 })
        .toBe("crashed");
      expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
      await expect.poll(() => mailsTo(user.email).length, { timeout: 10_000 }).toBe(1);
      // Both watchdogs keep running for a while: still one alert.
      await new Promise((r) => setTimeout(r, 1500));
      expect(mailsTo(user.email)).toHaveLength(1);
      const mail = mailsTo(user.email)[0]!.parsed;
      expect(mail.subject).toBe("Run crashed: ada/mnist/quiet-night-1");
      expect(mail.text).toContain("no heartbeat for 2 seconds");
      expect((await findRun(database.db, alive.id))?.run.state).toBe("running");
      expect((await f.deliveries()).filter((d) => d.notification.runId === silent.id)).toHaveLength(1);
    } finally {
      clearInterval(beat);
    }
    // The run did complete after all (as in W&B): a finish after the watchdog's crash ends it
    // as finished, with its "Run finished" alert and no second crash alert; a second finish is a no-op.
    const late = await finishRun(database.db, { id: silent.id, exitCode: 0, now: new Date(), publicUrl: "" });
    expect(late).toMatchObject({ ended: true, state: "finished" });
    expect((await findRun(database.db, silent.id))?.run).toMatchObject({ state: "finished", exitCode: 0 });
    const kinds = (await f.deliveries())
      .filter((d) => d.notification.runId === silent.id)
      .map((d) => d.notification.kind);
    expect(kinds.sort()).toEqual(["run_crashed", "run_finished"]);
    expect(await finishRun(database.db, { id: silent.id, exitCode: 1, now: new Date(), publicUrl: "" })).toEqual({
      ended: false,
    });
  });

  it("crashes each of many stale runs once when both watchdogs work at the same moment", async () => {
    const user = await f.user({ username: "grace" });
    const longAgo = new Date(Date.now() - 60_000);
    const runs = await Promise.all(
      Array.from({ length: 40 }, (_, i) => f.run(user.id, { project: "sweep", name: `r${i}`, now: longAgo })),
    );
    for (const lines of logs) lines.length = 0;
    // Beyond the scheduler's single job per tick, a burst of watchdog jobs that the two runtimes take in parallel.
    await Promise.all(Array.from({ length: 10 }, () => queues.enqueue("crash-stale-runs", {})));
    await expect.poll(() => mailsTo(user.email).length, { timeout: 15_000 }).toBe(40);
    await new Promise((r) => setTimeout(r, 1000));

    const states = await Promise.all(runs.map(async (r) => (await findRun(database.db, r.id))?.run.state));
    expect(states.every((s) => s === "crashed")).toBe(true);
    const rows = (await f.deliveries()).filter((d) => runs.some((r) => r.id === d.notification.runId));
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((d) => d.notification.runId)).size).toBe(40);
    const mails = mailsTo(user.email);
    expect(mails).toHaveLength(40);
    expect(new Set(mails.map((m) => m.parsed.messageId)).size).toBe(40);
    expect(new Set(mails.map((m) => m.parsed.subject)).size).toBe(40);
    // Both watchdogs ran the job meanwhile.
    for (const lines of logs) {
      expect(lines.filter((l) => l.msg === "job completed" && l.job === "crash-stale-runs").length).toBeGreaterThan(0);
    }
  });
});
