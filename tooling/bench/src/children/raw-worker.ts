/**
 * alerts-throughput baseline: a raw BullMQ Worker with no-op jobs, at CONCURRENCY (the
 * notifications queue's), under QUEUE_PREFIX. "await" resolves once `count` more jobs completed.
 */
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import { serve } from "./ipc";

const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
const worker = new Worker("noop", async () => undefined, {
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
  expect({ count }: { count: number }) {
    const target = completed + count;
    return new Promise((resolve) => {
      waiter = { target, resolve };
    });
  },
  async close() {
    await worker.close();
    connection.disconnect();
    return true;
  },
});
