// The process tree behind `npm start` and `npm run dev` (Node builtins only):
// migrate the database, make sure Redis answers, start API and worker, stop them together.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { findRedisServer, pingRedis, startRedisServer } from "./redis.mjs";
import { createSupervisor } from "./supervisor.mjs";

const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
const VITE_DEV_URL = "http://localhost:5173";

const log = (message) => console.log(`[homebase] ${message}`);
const warn = (message) => console.error(`[homebase] ${message}`);

/** Hides the password of a URL before it is printed. */
export function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(invalid URL)";
  }
}

/**
 * Reads the launcher's view of the configuration. Relative DATA_DIR values are taken from
 * where the user ran npm (INIT_CWD); the default is `<repo>/data`.
 */
export function resolveConfig(root, env, mode) {
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const dataDir = env.DATA_DIR ? resolve(env.INIT_CWD || process.cwd(), env.DATA_DIR) : join(root, "data");
  const publicUrl = env.PUBLIC_URL || (mode === "dev" ? VITE_DEV_URL : `http://localhost:${port}`);
  return { port, dataDir, publicUrl, redisUrl: env.REDIS_URL || undefined };
}

/** tsx from the package that depends on it (the root package does not). */
function tsxBin(root, ...packageDirs) {
  for (const dir of [...packageDirs, "."]) {
    const bin = join(root, dir, "node_modules", ".bin", "tsx");
    if (existsSync(bin)) return bin;
  }
  throw new Error("tsx is not installed; run `pnpm install` (npm start does this for you)");
}

function runOnce(command, args, options) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.once("error", () => resolvePromise(127));
    child.once("exit", (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

async function waitForHealthz(port, isAlive, timeoutMs) {
  const url = `http://127.0.0.1:${port}/healthz`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && isAlive()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/**
 * Runs Homebase until Ctrl-C / SIGTERM or until one of its processes dies.
 * mode "start": API + worker from source with tsx, the API serving the built shell.
 * mode "dev": Vite dev server + `tsx watch` for API and worker.
 * mode "api" / "worker" (`npm run start:api`, `npm run start:worker`): one API or one worker
 * process, for a fleet — as many of each, on as many hosts, as wanted, against one database
 * (DATABASE_URL) and one Redis (REDIS_URL), which must already answer: these modes never start
 * an embedded Redis, since a process-local one would not be shared.
 */
export async function runLauncher({ root, mode = "start", env = process.env }) {
  let config;
  try {
    config = resolveConfig(root, env, mode);
  } catch (error) {
    warn(error.message);
    return 1;
  }
  const { port, dataDir, publicUrl } = config;

  let exitCode = 0;
  let finished;
  const done = new Promise((r) => {
    finished = r;
  });
  let shuttingDown = false;
  const supervisor = createSupervisor({
    log: warn,
    onUnexpectedExit: (name, code, signal) => {
      warn(`${name} exited (${signal ?? `code ${code}`}); stopping Homebase`);
      void shutdown(1);
    },
  });

  async function shutdown(code) {
    if (shuttingDown) return;
    shuttingDown = true;
    exitCode = code;
    log("stopping…");
    // API and worker first, so they close their Redis connections before Redis goes.
    await supervisor.stopAll(["redis-server"]);
    finished();
  }
  const onSignal = (signal) => {
    if (shuttingDown) return;
    log(`${signal} received`);
    void shutdown(0);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);
  process.on("exit", () => supervisor.killAllNow());

  // 1. Database: apply migrations once, before two processes open the file.
  const migrateCode = await runOnce(
    tsxBin(root, "packages/db"),
    [join(root, "packages/db/src/migrate-cli.ts"), dataDir],
    { cwd: root, env },
  );
  if (migrateCode !== 0) {
    warn(`database migration failed (exit code ${migrateCode}); DATA_DIR is ${dataDir}`);
    return 1;
  }
  if (shuttingDown) return exitCode;

  // 2. Redis: use the configured one, else whatever answers locally, else start our own.
  const fleet = mode === "api" || mode === "worker";
  let redisUrl = config.redisUrl ?? (fleet ? DEFAULT_REDIS_URL : undefined);
  if (redisUrl) {
    if (!(await pingRedis(redisUrl, 3000))) {
      warn(`Redis does not answer at REDIS_URL=${redactUrl(redisUrl)}. Start it, or fix REDIS_URL.`);
      return 1;
    }
    log(`using Redis at ${redactUrl(redisUrl)}`);
  } else if (await pingRedis(DEFAULT_REDIS_URL)) {
    redisUrl = DEFAULT_REDIS_URL;
    log(`using the Redis that answers at ${DEFAULT_REDIS_URL}`);
  } else {
    const binary = findRedisServer(env);
    if (!binary) {
      warn(
        [
          `No Redis answers at ${DEFAULT_REDIS_URL} and there is no redis-server on PATH.`,
          "Either install one (Debian/Ubuntu: `sudo apt-get install redis-server`, macOS: `brew install redis`)",
          "or point Homebase at an existing Redis: `REDIS_URL=redis://host:6379 npm start`.",
        ].join("\n           "),
      );
      return 1;
    }
    try {
      const redis = await startRedisServer({ binary, dir: join(dataDir, "redis"), log });
      supervisor.adopt("redis-server", redis.child);
      redisUrl = redis.url;
    } catch (error) {
      warn(error.message);
      return 1;
    }
  }
  if (shuttingDown) {
    await done;
    return exitCode;
  }

  // 3. API and worker (and Vite in dev), with the whole environment passed through.
  const childEnv = {
    ...env,
    PORT: String(port),
    DATA_DIR: dataDir,
    REDIS_URL: redisUrl,
    NODE_ENV: env.NODE_ENV || (mode === "dev" ? "development" : "production"),
  };
  // Left unset, the API applies its own default (http://localhost:PORT, also reached as 127.0.0.1).
  if (env.PUBLIC_URL || mode === "dev") childEnv.PUBLIC_URL = publicUrl;
  else delete childEnv.PUBLIC_URL;
  const tsxApi = tsxBin(root, "apps/api");
  const tsxWorker = tsxBin(root, "apps/worker");
  const watch = mode === "dev" ? ["watch", "--clear-screen=false"] : [];
  // A crashed API or worker is started again (with backoff); the database and Redis hold the work.
  const restart = { restart: true };
  if (mode !== "worker") {
    supervisor.start("api", tsxApi, [...watch, "apps/api/src/server.ts"], { cwd: root, env: childEnv }, restart);
  }
  if (mode !== "api") {
    supervisor.start("worker", tsxWorker, [...watch, "apps/worker/src/main.ts"], { cwd: root, env: childEnv }, restart);
  }
  if (mode === "worker") {
    log("the worker is running (no HTTP port); press Ctrl-C to stop");
    await done;
    return exitCode;
  }
  if (mode === "dev") {
    supervisor.start("web (vite)", "pnpm", ["--filter", "@homebase/web", "dev"], { cwd: root, env: childEnv });
  }

  const healthy = await waitForHealthz(port, () => !shuttingDown, mode === "dev" ? 120_000 : 60_000);
  if (healthy) {
    const at = mode === "dev" ? publicUrl : `http://localhost:${port}`;
    // The line people look for: after the start-up logs, and in bold green on a terminal.
    await new Promise((r) => setTimeout(r, 300));
    const what = mode === "api" ? "The Homebase API" : "Homebase";
    const running = `${what} is running at ${at}${mode === "dev" ? ` (API on http://localhost:${port})` : ""}`;
    log(process.stdout.isTTY ? `\x1b[1;32m${running}\x1b[0m` : running);
    if (mode !== "dev" && publicUrl !== at) log(`public URL: ${publicUrl}`);
    log("press Ctrl-C to stop");
  } else if (!shuttingDown) {
    warn(`the API did not answer GET /healthz on port ${port} within the time limit; stopping`);
    void shutdown(1);
  }

  await done;
  return exitCode;
}
