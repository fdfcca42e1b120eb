import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { decryptSecret } from "@homebase/core";
import type { Db, Dialect } from "@homebase/db";
import { openTestDatabase } from "@homebase/db/testing";
import { createQueues, type Queues } from "@homebase/jobs";
import { Redis } from "ioredis";
import { createApp } from "../app";
import { type AppConfig, defineConfig } from "../config";
import type { Clock } from "../lib/clock";
import { createLogger } from "../logger";

export const TEST_ORIGIN = "http://localhost:3000";
export const TEST_REDIS_URL = "redis://127.0.0.1:6379";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  /**
   * The app's database, of this run's dialect (env HOMEBASE_TEST_DIALECT, set per Vitest
   * project): read it through @homebase/db query functions or the query builder on `tables(db)`.
   */
  db: Db;
  dialect: Dialect;
  /** DATA_DIR, where the app keeps blobs (avatars, run files). */
  dataDir: string;
  redis: Redis;
  prefix: string;
  config: AppConfig;
  queues: Queues;
  /** Every log line the app wrote, as text. */
  logs: string[];
  close: () => Promise<void>;
}

export interface TestAppOptions {
  config?: Partial<AppConfig>;
  redisUrl?: string;
  clock?: Clock;
  /** DATA_DIR instead of a temporary folder, e.g. a small file system the test mounted; left in place on close. */
  dataDir?: string;
  /** SQLite only: the folder of the database file (removed on close), e.g. that small file system. */
  sqliteDir?: string;
}

/**
 * The real app on a fresh database of this run's dialect (see openTestDatabase), a temporary
 * DATA_DIR and the real Redis, isolated by a unique key prefix. Close it in afterEach/afterAll:
 * that drops the database, removes the temporary DATA_DIR and deletes the prefix's keys.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await openTestDatabase({ sqliteDir: options.sqliteDir });
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "homebase-api-data-"));
  const prefix = `test-${randomUUID()}`;
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on("error", () => {});
  await redis.connect().catch(() => {});
  const queueConnection = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  queueConnection.on("error", () => {});
  const queues = createQueues({ connection: queueConnection, prefix });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = defineConfig({ publicUrl: TEST_ORIGIN, queuePrefix: prefix, dataDir, ...options.config });
  const app = createApp({
    db: database.db,
    redis,
    queues,
    logger: createLogger({ level: "info" }, sink),
    clock: options.clock,
    config,
  });
  return {
    app,
    config,
    queues,
    db: database.db,
    dialect: database.dialect,
    dataDir,
    redis,
    prefix,
    logs,
    async close() {
      await queues.close().catch(() => {});
      if (redis.status === "ready") {
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length > 0) await redis.del(...keys);
      }
      redis.disconnect();
      queueConnection.disconnect();
      await database.cleanup();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RequestOptions {
  method?: string;
  json?: unknown;
  body?: string | Uint8Array | ArrayBuffer;
  cookie?: string;
  origin?: string | null;
  headers?: Record<string, string>;
}

/** Tests read bodies of many shapes; assertions check them. */
// biome-ignore lint/suspicious/noExplicitAny: test responses are asserted field by field
export type TestResponse = Omit<Response, "json"> & { json(): Promise<any> };

/** A request as a browser or program would send it; cookie requests carry the app's Origin unless told otherwise. */
export async function call(t: TestApp, path: string, options: RequestOptions = {}): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  if (options.cookie) headers.cookie = options.cookie;
  const origin = options.origin === undefined ? (options.cookie ? TEST_ORIGIN : null) : options.origin;
  if (origin) headers.origin = origin;
  return t.app.request(path, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}

let counter = 0;

/** Signs a new user up and returns its session cookie ("hb_session=…") and user. */
export async function signUp(
  t: TestApp,
  overrides: Partial<{ username: string; email: string; password: string }> = {},
) {
  counter += 1;
  const username = overrides.username ?? `user-${counter}-${randomUUID().slice(0, 6)}`;
  const body = {
    username,
    email: overrides.email ?? `${username}@example.com`,
    password: overrides.password ?? "correct horse battery",
  };
  const res = await call(t, "/api/v1/auth/signup", { json: body });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const cookie = sessionCookie(res);
  const { user } = (await res.json()) as { user: { id: string; username: string; admin: boolean } };
  return { cookie, user, password: body.password, email: body.email };
}

export function sessionCookie(res: TestResponse): string {
  const header = res.headers.get("set-cookie") ?? "";
  const match = /hb_session=([^;]*)/.exec(header);
  if (!match) throw new Error("no session cookie set");
  return `hb_session=${match[1]}`;
}

/**
 * The account e-mails queued for `to` (newest last), as the worker would send them: the job's
 * payload with its sealed token opened, so a test can follow the link as the recipient does.
 */
export async function accountEmailsTo(t: TestApp, to: string) {
  const jobs = await t.queues.queue("notifications").getJobs(["waiting", "delayed", "prioritized", "active"]);
  return jobs
    .filter((j) => j.name === "send-account-email" && j.data.to === to)
    .sort((a, b) => a.timestamp - b.timestamp)
    .map((j) => ({
      kind: j.data.kind as string,
      newEmail: j.data.newEmail as string | undefined,
      token: j.data.sealedToken ? decryptSecret(j.data.sealedToken, t.config.encryptionKey) : undefined,
    }));
}

/** Verifies `email` through the link of the last verification e-mail sent to it. */
export async function verifyEmail(t: TestApp, email: string) {
  const mails = (await accountEmailsTo(t, email)).filter((m) => m.kind === "verify-email");
  const token = mails.at(-1)?.token;
  if (!token) throw new Error(`no verification e-mail to ${email}`);
  const res = await call(t, "/api/v1/auth/verify-email", { json: { token } });
  if (res.status !== 204) throw new Error(`verification failed: ${res.status} ${await res.text()}`);
}
