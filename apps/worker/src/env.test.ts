import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { DEFAULT_REDIS_URL } from "@homebase/config";
import { deriveEncryptionKey } from "@homebase/core";
import { finishRun, loadOrCreateSecretKey } from "@homebase/db";
import { openTestDatabase, type TestDatabase } from "@homebase/db/testing";
import {
  createQueues,
  DELIVERY_RETRY_BASE_MS,
  deliveryJobOptions,
  enqueueDeliveries,
  type Queues,
} from "@homebase/jobs";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtures } from "./testing/fixtures";
import { type SlackReceiver, startSlackReceiver } from "./testing/slack-receiver";

/**
 * The worker's environment (src/env.ts) with a real worker process (src/main.ts) on the run's
 * database: the variables it validates at start decide what it does.
 */

const REDIS_URL = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
const appDir = join(import.meta.dirname, "..");
const prefix = `test-${randomUUID()}`;
const dataDir = mkdtempSync(join(tmpdir(), "homebase-worker-env-"));
/** Not the default (20 s), nor the 200 ms of the test harness. */
const RETRY_BASE_MS = 1500;
const WAIT = { timeout: 30_000, interval: 50 };

let database: TestDatabase;
let redis: Redis;
let queues: Queues;
let receiver: SlackReceiver;
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queues = createQueues({ connection: redis, prefix });
  receiver = await startSlackReceiver();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await queues?.close();
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.unlink(...keys);
    await redis.quit();
  }
  await receiver?.close();
  await database?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

function startWorker(env: Record<string, string>) {
  const child = spawn(join(appDir, "node_modules/.bin/tsx"), ["src/main.ts"], {
    cwd: appDir,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: "info",
      SMTP_URL: "",
      SECRET_KEY: "",
      DELIVERY_RETRY_BASE_MS: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const messages: string[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      messages.push((JSON.parse(line) as { msg: string }).msg);
    } catch {
      messages.push(line);
    }
  });
  const stderr: string[] = [];
  child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, messages, stderr, exited };
}

/** A user whose run-finished alerts go to Slack at `path`, and one finished run: its delivery id. */
async function finishedRunDelivery(path: string) {
  const f = fixtures(database.db, deriveEncryptionKey(loadOrCreateSecretKey(dataDir)));
  const user = await f.user({ slackUrl: receiver.url(path), prefs: { runFinished: { email: false, slack: true } } });
  const run = await f.run(user.id);
  const result = await finishRun(database.db, { id: run.id, exitCode: 0, now: new Date(), publicUrl: "" });
  expect(result.ended && result.deliveryIds).toHaveLength(1);
  return result.ended ? result.deliveryIds[0]! : "";
}

describe("worker environment (src/env.ts)", () => {
  it("DELIVERY_RETRY_BASE_MS decides the retries of deliveries enqueued as the API enqueues them", async () => {
    receiver.script("/as-api", [{ status: 500 }]);
    receiver.script("/stamped", [{ status: 500 }]);
    // As the API does (enqueueCommittedDeliveries): the job carries no delay of its own.
    const asApi = await finishedRunDelivery("/as-api");
    await enqueueDeliveries(queues, [asApi]);
    // As an older API did: the job stamped with the default base, which the worker ignores.
    const stamped = await finishedRunDelivery("/stamped");
    await queues.enqueue(
      "deliver-notification",
      { deliveryId: stamped },
      { ...deliveryJobOptions(stamped), backoff: { type: "delivery", delay: DELIVERY_RETRY_BASE_MS } },
    );

    const worker = startWorker({ DELIVERY_RETRY_BASE_MS: String(RETRY_BASE_MS) });
    for (const path of ["/as-api", "/stamped"]) {
      await expect.poll(() => receiver.on(path).map((m) => m.status), WAIT).toEqual([500, 200]);
      const [failed, retried] = receiver.on(path);
      const waited = retried!.at - failed!.at;
      expect(waited, path).toBeGreaterThanOrEqual(RETRY_BASE_MS - 20);
      expect(waited, path).toBeLessThan(DELIVERY_RETRY_BASE_MS / 2);
    }
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    // A worker process starts through tsx: under load (both dialects' projects start one at
    // once on 2 cores) that alone can take 15 s, more than the suite's default 20 s allows.
  }, 60_000);

  it("a bad variable stops the start with a message that names it and never shows its value", async () => {
    const worker = startWorker({ REDIS_URL: "http://default:s3cret-pw@127.0.0.1:6379", PORT: "http" });
    expect(await worker.exited).not.toBe(0);
    const stderr = worker.stderr.join("");
    expect(stderr).toContain("REDIS_URL: must be a redis:// or rediss:// URL");
    expect(stderr).toContain("PORT: must be a port number (1-65535)");
    expect(stderr).not.toContain("s3cret-pw");
    expect(worker.messages).not.toContain("worker starting");
  }, 60_000);
});
