import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { type Browser, chromium, type Page } from "playwright-core";
import type { TestContext } from "vitest";

export const REPO_ROOT = resolve(import.meta.dirname, "..", "..", "..");
export const RESULTS_DIR = resolve(import.meta.dirname, "..", "test-results");
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const PG_ADMIN_URL = process.env.HOMEBASE_TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres";

export interface PgDatabase {
  /** postgres://…/hb_e2e_<random>: what DATABASE_URL is set to. */
  url: string;
  /** A client on the database, for checks from outside the app; closed by `close`. */
  client: pg.Client;
  /** Closes the client and drops the database `WITH (FORCE)`. */
  close(): Promise<void>;
}

/**
 * A fresh, empty PostgreSQL database on HOMEBASE_TEST_PG_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres, whose user may CREATE DATABASE); Homebase migrates
 * it when it starts. Usable as a `setUpSuite` service.
 */
export async function createPgDatabase(): Promise<PgDatabase> {
  const name = `hb_e2e_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  return {
    url: u.toString(),
    client,
    async close() {
      await client.end().catch(() => {});
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A port nobody listens on right now: bind to port 0 and let the kernel choose. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject()));
    });
  });
}

export interface Homebase {
  /** http://localhost:PORT — also the PUBLIC_URL the app was started with. */
  url: string;
  dataDir: string;
  queuePrefix: string;
  /** Everything `npm start` printed so far (stdout and stderr interleaved). */
  output: () => string;
  /** SIGTERM to the whole process group, wait for it to exit, then remove DATA_DIR and Redis keys. */
  stop: () => Promise<void>;
}

export interface StartOptions {
  /** How long to wait for /readyz; the first start builds the web shell. */
  timeoutMs?: number;
  env?: Record<string, string>;
}

/**
 * Starts Homebase exactly as a user does — `npm start` at the repository root — on a fresh
 * temporary DATA_DIR, a free port and a unique QUEUE_PREFIX, and waits until /readyz is 200.
 * Set E2E_VERBOSE=1 to see its output live.
 */
export async function startHomebase(options: StartOptions = {}): Promise<Homebase> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "homebase-e2e-"));
  const queuePrefix = `e2e-${randomUUID()}`;
  const child = spawn("npm", ["start"], {
    cwd: REPO_ROOT,
    // Its own process group, so stop() reaches npm, the launcher and every child at once.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      QUEUE_PREFIX: queuePrefix,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      ...options.env,
    },
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
    if (process.env.E2E_VERBOSE) process.stdout.write(chunk);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));

  const homebase: Homebase = {
    url,
    dataDir,
    queuePrefix,
    output: () => output,
    stop: async () => {
      await stopGroup(child, exited);
      await deleteRedisKeys(REDIS_URL, queuePrefix).catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };

  try {
    await waitUntilReady(`${url}/readyz`, child, options.timeoutMs ?? 240_000);
  } catch (error) {
    await homebase.stop();
    const tail = output.split("\n").slice(-60).join("\n");
    throw new Error(`${(error as Error).message}\n--- npm start output (last lines) ---\n${tail}`);
  }
  return homebase;
}

async function waitUntilReady(readyz: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`npm start exited (${child.exitCode ?? child.signalCode}) before ${readyz} answered`);
    }
    try {
      const res = await fetch(readyz, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${readyz} did not answer 200 within ${timeoutMs / 1000} s`);
}

async function stopGroup(child: ChildProcess, exited: Promise<number | null>) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const group = -child.pid;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(group, s);
    } catch {
      // group already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Removes every key under `prefix:` with one server-side script (RESP over a plain socket). */
export function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const script =
    "local c='0' repeat local r=redis.call('SCAN',c,'MATCH',ARGV[1],'COUNT',1000) c=r[1] " +
    "for _,k in ipairs(r[2]) do redis.call('UNLINK',k) end until c=='0' return 1";
  const args = ["EVAL", script, "0", `${prefix}:*`];
  const command = `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;
  const u = new URL(redisUrl);
  return new Promise((resolveDone, reject) => {
    const socket = net.connect({ host: u.hostname || "127.0.0.1", port: Number(u.port || 6379) });
    socket.setTimeout(5000, () => socket.destroy(new Error("redis timeout")));
    socket.once("error", reject);
    socket.once("connect", () => {
      const auth = u.password ? ["AUTH", decodeURIComponent(u.password)] : undefined;
      if (auth) socket.write(`*2\r\n$4\r\nAUTH\r\n$${Buffer.byteLength(auth[1]!)}\r\n${auth[1]}\r\n`);
      socket.write(command);
    });
    let reply = "";
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes(":1\r\n") || reply.startsWith("-")) {
        socket.end();
        reply.startsWith("-") ? reject(new Error(reply.trim())) : resolveDone();
      }
    });
  });
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Debian's Chromium driven by playwright-core (no downloaded browsers). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/** A file-name-safe version of the test's full name. */
function screenshotName(ctx: TestContext) {
  const names: string[] = [];
  let suite = ctx.task.suite;
  while (suite?.name) {
    names.unshift(suite.name);
    suite = suite.suite;
  }
  names.push(ctx.task.name);
  return names
    .join(" ")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 120);
}

/**
 * For `afterEach`: when the test just failed, saves a full-page screenshot of `page` to
 * tooling/e2e/test-results/<test-name>.png and returns its path.
 */
export async function screenshotIfFailed(ctx: TestContext, page: Page | undefined): Promise<string | undefined> {
  if (ctx.task.result?.state !== "fail" || !page || page.isClosed()) return undefined;
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${screenshotName(ctx)}.png`);
  try {
    await page.screenshot({ path, fullPage: true });
    console.error(`screenshot of the failed test: ${path} (page was ${page.url()})`);
    return path;
  } catch (error) {
    console.error(`could not save a screenshot: ${(error as Error).message}`);
    return undefined;
  }
}
