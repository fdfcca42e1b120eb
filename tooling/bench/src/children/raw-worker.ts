/**
 * alerts-throughput baselines: a raw BullMQ Worker at CONCURRENCY (the notifications queue's),
 * under QUEUE_PREFIX, on queue JOB:
 * - "noop": jobs that do nothing;
 * - "deliver": what a Slack delivery needs at least, by hand: one `fetch` POST of the delivery's
 *   Block Kit message to the job's webhook URL (the same local receiver as the worker's), then
 *   one indexed better-sqlite3 UPDATE of its row (by id) in a deliveries-like table of DB_FILE,
 *   opened with the pragmas of openDb.
 * "expect" resolves once `count` more jobs completed; "seed" inserts pending rows.
 */
import { runCrashedMessage, slackAlertMessage } from "@homebase/core";
import Database from "better-sqlite3";
import { type Job, Worker } from "bullmq";
import { Redis } from "ioredis";
import { serve } from "./ipc";

const kind = process.env.JOB === "deliver" ? "deliver" : "noop";

function openDeliveries(file: string) {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.exec(
    "create table if not exists deliveries (id text primary key, status text not null, attempts integer not null default 0, created_at integer not null, sent_at integer)",
  );
  return {
    insert: sqlite.prepare("insert into deliveries (id, status, created_at) values (?, 'pending', ?)"),
    markSent: sqlite.prepare<[number, string]>(
      "update deliveries set status = 'sent', attempts = attempts + 1, sent_at = ? where id = ?",
    ),
    transaction: sqlite.transaction.bind(sqlite),
    close: () => sqlite.close(),
  };
}

const deliveries = kind === "deliver" ? openDeliveries(process.env.DB_FILE!) : undefined;

async function deliver(job: Job<{ id: string; url: string; run: string }>) {
  const { id, url, run } = job.data;
  const message = slackAlertMessage(
    {
      ...runCrashedMessage(
        { id: run, runId: run, name: run, entity: "bench", project: "bench" },
        "it exited with code 1",
      ),
      url: `http://127.0.0.1:3000/runs/bench/bench/${run}`,
    },
    { deliveryId: id },
  );
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(message),
  });
  await res.text();
  if (!res.ok) throw new Error(`the receiver answered ${res.status}`);
  deliveries!.markSent.run(Date.now(), id);
}

const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
const worker = new Worker(kind, kind === "deliver" ? deliver : async () => undefined, {
  connection,
  prefix: process.env.QUEUE_PREFIX!,
  concurrency: Number(process.env.CONCURRENCY),
});
let completed = 0;
let lastAt = 0;
let waiter: { target: number; resolve: (v: { lastAt: number }) => void } | undefined;
worker.on("completed", () => {
  completed++;
  lastAt = Date.now();
  if (waiter && completed >= waiter.target) {
    waiter.resolve({ lastAt });
    waiter = undefined;
  }
});

serve({
  async ready() {
    await worker.waitUntilReady();
    return true;
  },
  seed({ ids }: { ids: string[] }) {
    if (!deliveries) throw new Error("seed: this worker has no deliveries table (JOB=deliver)");
    const now = Date.now();
    deliveries.transaction(() => {
      for (const id of ids) deliveries.insert.run(id, now);
    })();
    return ids.length;
  },
  expect({ count }: { count: number }) {
    const target = completed + count;
    return new Promise((resolve) => {
      waiter = { target, resolve };
    });
  },
  async close() {
    await worker.close();
    connection.disconnect();
    deliveries?.close();
    return true;
  },
});
