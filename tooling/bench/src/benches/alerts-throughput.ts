import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encryptSecret, runCrashedMessage } from "@homebase/core";
import {
  closeDb,
  createRun,
  createUser,
  ensureProject,
  finishRun,
  openDb,
  recordNotification,
  saveSlackWebhook,
  transaction,
  updateAlertPreferences,
} from "@homebase/db";
import { createQueues, DEFAULT_JOB_OPTIONS, enqueueDeliveries } from "@homebase/jobs";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { child, REDIS_URL } from "../lib/paths";
import { startNode } from "../lib/proc";
import { printProfile, summarizeProfile } from "../lib/profile";
import { benchPrefix, deletePrefix } from "../lib/redis";
import { atLeast, type Bench, type Row } from "../lib/report";
import { startReceiver } from "../lib/slack-receiver";
import { median, percentile, round, sleep } from "../lib/stats";

const DELIVERIES = 10_000;
const PROFILE_FRAMES = [
  "claimDelivery",
  "getDeliveryForSend",
  "markDeliverySent",
  "decryptSecret",
  "slackAlertMessage",
  "send",
  "@slack/webhook",
  "undici",
  "bullmq",
  "ioredis",
  "drizzle-orm",
  "better-sqlite3",
  "pino",
];
const USERS = 100;
const CRASHES = 200;
const CRASH_GAP_MS = 20;
const PUBLIC_URL = "http://127.0.0.1:3000";

export const alertsThroughput: Bench = {
  name: "alerts-throughput",
  title:
    "alerts-throughput: Slack deliveries through the worker runtime vs raw BullMQ jobs that POST + UPDATE (and no-op jobs)",
  async run({ rounds, keep, profile, deliveries: requested, log }) {
    const deliveries = requested ?? DELIVERIES;
    const profileDir = profile ? mkdtempSync(join(tmpdir(), "homebase-bench-prof-")) : undefined;
    const dir = mkdtempSync(join(tmpdir(), "homebase-bench-alerts-"));
    const dbFile = join(dir, "homebase.sqlite");
    const subjectPrefix = benchPrefix("alerts");
    const baselinePrefix = benchPrefix("alerts-noop");
    const rawPrefix = benchPrefix("alerts-raw");
    const rawDbFile = join(dir, "raw-deliveries.sqlite");
    const encryptionKey = randomBytes(32);
    const receiver = await startReceiver();
    const db = openDb({ file: dbFile });
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queues = createQueues({ connection, prefix: subjectPrefix });
    const noopQueue = new Queue("noop", { connection, prefix: baselinePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    const rawQueue = new Queue("deliver", { connection, prefix: rawPrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    const subject = startNode("alerts-worker", child("alerts-worker.ts"), {
      nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
      env: {
        DB_FILE: dbFile,
        DATA_DIR: dir,
        QUEUE_PREFIX: subjectPrefix,
        ENCRYPTION_KEY: encryptionKey.toString("hex"),
        REDIS_URL,
      },
    });
    let baseline: ReturnType<typeof startNode> | undefined;
    let rawWorker: ReturnType<typeof startNode> | undefined;
    try {
      // Users as the API leaves them after "Connect Slack" and switching "Run crashed → Slack" on.
      const now = new Date();
      const projects: { userId: string; username: string; projectId: string }[] = [];
      for (let i = 0; i < USERS; i++) {
        const user = await createUser(db, {
          username: `alerts-${i}`,
          email: `alerts-${i}@example.com`,
          passwordHash: "x",
        });
        await saveSlackWebhook(db, {
          userId: user.id,
          webhookUrlEncrypted: encryptSecret(`${receiver.origin}/services/T0/B${i}/secret${i}`, encryptionKey),
          now,
        });
        await updateAlertPreferences(db, user.id, { runCrashed: { email: false, slack: true } }, now);
        const project = await ensureProject(db, { entityId: user.id, name: "bench", userId: user.id });
        projects.push({ userId: user.id, username: user.username, projectId: project.id });
      }
      let runCounter = 0;
      const newRuns = async (n: number) => {
        const ids: string[] = [];
        for (let i = 0; i < n; i++) {
          const p = projects[runCounter % USERS]!;
          const run = await createRun(db, {
            entityId: p.userId,
            projectId: p.projectId,
            name: `run-${++runCounter}`,
            createdById: p.userId,
            serviceAccountId: null,
            now: new Date(),
          });
          ids.push(run.id);
        }
        return ids;
      };
      /**
       * `n` crashed runs, each with its notification and its pending Slack delivery, recorded but
       * not enqueued: the rows finishRun writes, through the same recordNotification (enabled
       * channels, idempotency key), in transactions of 1,000 so that seeding stays quick.
       */
      const insertRun = db.$client.prepare(
        "insert into runs (id, entity_id, project_id, run_id, name, state, created_by_id, exit_code, created_at, last_heartbeat_at, ended_at) values (?, ?, ?, ?, ?, 'crashed', ?, 1, ?, ?, ?)",
      );
      const crashes = async (n: number) => {
        const deliveryIds: string[] = [];
        for (let done = 0; done < n; done += 1000) {
          await transaction(db, async (tx) => {
            for (let i = done; i < Math.min(n, done + 1000); i++) {
              const p = projects[runCounter % USERS]!;
              const id = crypto.randomUUID();
              const name = `run-${++runCounter}`;
              const runId = id.replace(/-/g, "").slice(0, 12);
              const at = Date.now();
              insertRun.run(id, p.userId, p.projectId, runId, name, p.userId, at, at, at);
              const message = runCrashedMessage(
                { id, runId, name, entity: p.username, project: "bench" },
                "it exited with code 1",
              );
              const recorded = await recordNotification(tx, {
                userId: p.userId,
                kind: message.kind,
                idempotencyKey: `run:${id}:crashed:${p.userId}`,
                title: message.title,
                text: message.text,
                level: message.level,
                runId: id,
                url: `${PUBLIC_URL}/${p.username}/bench/runs/${id}`,
                now: new Date(at),
              });
              deliveryIds.push(...recorded.deliveryIds);
            }
          });
        }
        return deliveryIds;
      };

      const { concurrency } = await subject.call<{ concurrency: number }>("ready", undefined, 120_000);
      log(`notifications queue concurrency: ${concurrency}`);
      baseline = startNode("noop-worker", child("raw-worker.ts"), {
        env: { JOB: "noop", QUEUE_PREFIX: baselinePrefix, CONCURRENCY: String(concurrency), REDIS_URL },
      });
      rawWorker = startNode("raw-delivery-worker", child("raw-worker.ts"), {
        env: {
          JOB: "deliver",
          DB_FILE: rawDbFile,
          QUEUE_PREFIX: rawPrefix,
          CONCURRENCY: String(concurrency),
          REDIS_URL,
        },
      });
      await baseline.call("ready", undefined, 60_000);
      await rawWorker.call("ready", undefined, 60_000);
      const notifications = queues.queue("notifications");

      const runBaseline = async (n: number) => {
        await noopQueue.pause();
        for (let i = 0; i < n; i += 1000) {
          await noopQueue.addBulk(
            Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({ name: "noop", data: { i: i + k } })),
          );
        }
        const done = baseline!.call<{ lastAt: number }>("expect", { count: n }, 10 * 60_000);
        const t0 = Date.now();
        await noopQueue.resume();
        const { lastAt } = await done;
        return n / ((lastAt - t0) / 1000);
      };
      /** Timed as the subject is: from resume until the receiver has the last message. */
      const runRaw = async (n: number, measure = unmeasured) => {
        const ids = Array.from({ length: n }, () => randomUUID());
        await rawWorker!.call("seed", { ids }, 5 * 60_000);
        await rawQueue.pause();
        const url = `${receiver.origin}/services/T0/Braw/secret`;
        for (let i = 0; i < n; i += 1000) {
          await rawQueue.addBulk(
            ids.slice(i, i + 1000).map((id) => ({
              name: "deliver",
              data: { id, url, run: id.slice(0, 8) },
              opts: { jobId: id },
            })),
          );
        }
        const t0 = Date.now();
        await measure(async () => {
          await rawQueue.resume();
          await receiver.waitFor(ids, 10 * 60_000);
        });
        const last = Math.max(...ids.map((id) => receiver.arrivals.get(id)!));
        return n / ((last - t0) / 1000);
      };
      type Measure = (work: () => Promise<void>) => Promise<void>;
      const unmeasured: Measure = (work) => work();
      const runSubject = async (n: number, measure = unmeasured) => {
        const seedStarted = performance.now();
        const ids = await crashes(n);
        const seedSeconds = (performance.now() - seedStarted) / 1000;
        await notifications.pause();
        await enqueueDeliveries(queues, ids);
        const t0 = Date.now();
        await measure(async () => {
          await notifications.resume();
          await receiver.waitFor(ids, 10 * 60_000);
        });
        const last = Math.max(...ids.map((id) => receiver.arrivals.get(id)!));
        return { rate: n / ((last - t0) / 1000), seedSeconds, ids };
      };

      // Warm-up, not measured.
      await runBaseline(1000);
      await runRaw(500);
      await runSubject(500);

      const baselineRates: number[] = [];
      const rawRates: number[] = [];
      const subjectRates: number[] = [];
      /** CPU time (user + system) of each worker process per job, µs: steadier than rates on a shared machine. */
      const cpu = { noop: [] as number[], raw: [] as number[], subject: [] as number[] };
      const cpuPerJob = async (proc: ReturnType<typeof startNode>, into: number[], work: () => Promise<void>) => {
        const before = proc.cpuMs() ?? Number.NaN;
        await work();
        into.push((((proc.cpuMs() ?? Number.NaN) - before) * 1000) / deliveries);
      };
      const sentIds: string[] = [];
      for (let r = 1; r <= rounds; r++) {
        const b = () =>
          cpuPerJob(baseline!, cpu.noop, async () => {
            const rate = await runBaseline(deliveries);
            baselineRates.push(rate);
            log(`round ${r} BullMQ no-op jobs   ${round(rate, 0)} jobs/s`);
          });
        const w = async () => {
          const rate = await runRaw(deliveries, (work) => cpuPerJob(rawWorker!, cpu.raw, work));
          rawRates.push(rate);
          log(`round ${r} raw POST + UPDATE   ${round(rate, 0)} deliveries/s`);
        };
        const s = async () => {
          // The subject's CPU is taken around the deliveries only, not the recording of the crashes (bench process).
          const { rate, seedSeconds, ids } = await runSubject(deliveries, (work) =>
            cpuPerJob(subject, cpu.subject, work),
          );
          subjectRates.push(rate);
          sentIds.push(...ids);
          log(
            `round ${r} Slack deliveries    ${round(rate, 0)} deliveries/s (recording ${deliveries} crashes took ${round(seedSeconds, 1)} s)`,
          );
        };
        // Rotate the order each round so a drift in machine load does not favour one side.
        const order = [b, w, s];
        for (let i = 0; i < order.length; i++) await order[(i + r - 1) % order.length]!();
      }

      // Crash-to-Slack latency: a crash recorded (finishRun), its deliveries enqueued, until the receiver has it.
      const runIds = await newRuns(CRASHES);
      const recordedAt = new Map<string, number>();
      for (const id of runIds) {
        const t0 = Date.now();
        const r = await finishRun(db, { id, exitCode: 1, now: new Date(), publicUrl: PUBLIC_URL });
        if (r.ended) {
          await enqueueDeliveries(queues, r.deliveryIds);
          for (const d of r.deliveryIds) recordedAt.set(d, t0);
        }
        await sleep(CRASH_GAP_MS);
      }
      await receiver.waitFor([...recordedAt.keys()], 60_000);
      const latencies = [...recordedAt].map(([id, t0]) => receiver.arrivals.get(id)! - t0);
      log(
        `crash → Slack: p50 ${percentile(latencies, 50)} ms, p95 ${round(percentile(latencies, 95), 0)} ms over ${latencies.length} crashes`,
      );

      // The receiver answers before the worker commits "sent": give the last commits a moment.
      const pendingCount = db.$client.prepare("select count(*) from deliveries where status = 'pending'").pluck();
      for (let i = 0; i < 100 && (pendingCount.get() as number) > 0; i++) await sleep(100);
      const statuses = db.$client.prepare("select status, count(*) as n from deliveries group by status").all() as {
        status: string;
        n: number;
      }[];
      const sent = statuses.find((s) => s.status === "sent")?.n ?? 0;
      const allDeliveries = statuses.reduce((n, s) => n + s.n, 0);
      const subjectPeakRss = subject.peakRss();
      const cpuNoop = median(cpu.noop);
      const cpuRaw = median(cpu.raw);
      const cpuSubject = median(cpu.subject);
      const base = median(baselineRates);
      const raw = median(rawRates);
      const subj = median(subjectRates);
      const p50 = percentile(latencies, 50);
      const rows: Row[] = [
        {
          what: `Slack deliveries/s vs raw POST + UPDATE jobs (${deliveries.toLocaleString("en-US")} a round, concurrency ${concurrency})`,
          unit: "/s",
          figure: subj,
          baseline: raw,
          ratio: subj / raw,
          target: "ratio ≥ 0.5",
          pass: atLeast(subj / raw, 0.5),
        },
        {
          what: "Slack deliveries/s vs raw BullMQ no-op jobs",
          unit: "/s",
          figure: subj,
          baseline: base,
          ratio: subj / base,
        },
        {
          what: "raw POST + UPDATE jobs/s vs raw no-op jobs",
          unit: "/s",
          figure: raw,
          baseline: base,
          ratio: raw / base,
        },
        {
          what: "worker CPU per delivery vs raw POST + UPDATE (ratio raw ÷ worker)",
          unit: "µs",
          figure: cpuSubject,
          baseline: cpuRaw,
          ratio: cpuRaw / cpuSubject,
        },
        { what: "raw worker CPU per no-op job", unit: "µs", figure: cpuNoop },
        { what: "crash → Slack latency, median", unit: "ms", figure: p50, target: "< 500 ms", pass: p50 < 500 },
        { what: "crash → Slack latency, p95", unit: "ms", figure: percentile(latencies, 95) },
        {
          what: "every delivery sent once (rows sent, receiver duplicates)",
          unit: "",
          figure: receiver.duplicates,
          target: "all sent, 0 duplicates",
          pass: sent === allDeliveries && receiver.duplicates === 0,
        },
        {
          what: "peak RSS of the worker process (VmHWM; baseline: raw POST + UPDATE worker)",
          unit: "MB",
          figure: (subjectPeakRss ?? Number.NaN) / 1e6,
          baseline: (rawWorker.peakRss() ?? Number.NaN) / 1e6,
        },
      ];
      return {
        rows,
        details: {
          concurrency,
          deliveriesPerRound: deliveries,
          baselineJobsPerSecond: baselineRates,
          rawDeliveriesPerSecond: rawRates,
          cpuUsPerJob: cpu,
          subjectDeliveriesPerSecond: subjectRates,
          latencyMs: {
            p50,
            p90: percentile(latencies, 90),
            p95: percentile(latencies, 95),
            max: Math.max(...latencies),
          },
          crashes: latencies.length,
          deliveryStatuses: statuses,
          receiverRequests: receiver.requests,
          duplicates: receiver.duplicates,
          workerPeakRssBytes: subjectPeakRss,
        },
        notes: [
          "every side: jobs enqueued into a paused queue, timed from resume until the last no-op job completed, or until the receiver got the last message (raw POST + UPDATE, subject)",
          "raw POST + UPDATE: a raw BullMQ Worker at the same concurrency whose job POSTs the delivery's Block Kit message with fetch to the same receiver and UPDATEs its row by id (children/raw-worker.ts)",
          "CPU per job: the worker process's user + system time (/proc/<pid>/stat) while a round runs, divided by its jobs",
          "the receiver runs in the bench process, Redis and the worker share the other core: 2 cores for 3 busy processes",
        ],
      };
    } finally {
      await subject.call("close", undefined, 30_000).catch(() => undefined);
      await baseline?.call("close", undefined, 30_000).catch(() => undefined);
      await rawWorker?.call("close", undefined, 30_000).catch(() => undefined);
      await Promise.allSettled([subject.stop(), baseline?.stop(), rawWorker?.stop()]);
      if (profileDir) printProfile(summarizeProfile(profileDir, PROFILE_FRAMES, { top: 40 }), log);
      await noopQueue.close().catch(() => undefined);
      await rawQueue.close().catch(() => undefined);
      await queues.close().catch(() => undefined);
      connection.disconnect();
      await receiver.close();
      closeDb(db);
      await deletePrefix(subjectPrefix).catch(() => 0);
      await deletePrefix(baselinePrefix).catch(() => 0);
      await deletePrefix(rawPrefix).catch(() => 0);
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
  },
};
