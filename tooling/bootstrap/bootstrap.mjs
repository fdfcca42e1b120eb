#!/usr/bin/env node
// `npm start | test | run dev | run bench` on a fresh clone with Node and npm alone.
// Plain Node, builtins only: this runs before anything is installed.
//
//   node tooling/bootstrap/bootstrap.mjs <start|start:api|start:worker|test|dev|bench> [args…]
//
// 1. pnpm 12.4.2 (installed with npm when missing or another version; corepack fails here),
// 2. npm_config_nodedir=/usr when /usr/include/node exists (better-sqlite3 builds from source),
// 3. `pnpm install --frozen-lockfile` when the lock file or a package.json changed,
// 4. then the command.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PNPM_VERSION = "12.4.2";
const MIN_NODE = [20, 19];
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const STAMP = join(root, "node_modules", ".homebase-install.json");
const COMMANDS = ["start", "start:api", "start:worker", "test", "dev", "bench"];

const log = (message) => console.log(`[homebase] ${message}`);
const fail = (message, code = 1) => {
  console.error(`[homebase] ${message}`);
  process.exit(code);
};

function checkNode() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    fail(`Node ${MIN_NODE.join(".")} or newer is required (this is ${process.versions.node}).`);
  }
}

function prepareEnv() {
  const env = process.env;
  // better-sqlite3 has no prebuilt binary to download here; build it against the system headers.
  if (!env.npm_config_nodedir && existsSync("/usr/include/node")) env.npm_config_nodedir = "/usr";
  env.TURBO_TELEMETRY_DISABLED ??= "1";
  env.DO_NOT_TRACK ??= "1";
  // Not a CI runner? pnpm still must never stop to ask a question.
  env.npm_config_yes ??= "true";
}

/** Synchronous run with inherited stdio; returns the exit status. */
function run(command, args, options = {}) {
  const r = spawnSync(command, args, { stdio: "inherit", cwd: root, ...options });
  if (r.error) return { status: 127, error: r.error };
  return { status: r.status ?? 1 };
}

function pnpmVersion() {
  const r = spawnSync("pnpm", ["--version"], { encoding: "utf8", cwd: root });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function ensurePnpm() {
  const found = pnpmVersion();
  if (found === PNPM_VERSION) return;
  log(found ? `pnpm ${found} found; installing pnpm ${PNPM_VERSION}` : `installing pnpm ${PNPM_VERSION} with npm`);
  const global = run("npm", ["install", "--global", "--no-fund", "--no-audit", `pnpm@${PNPM_VERSION}`]);
  if (global.status === 0 && pnpmVersion() === PNPM_VERSION) return;
  // No permission for a global install (or another pnpm earlier on PATH): use a private copy.
  const prefix = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "homebase", `pnpm-${PNPM_VERSION}`);
  const bin = join(prefix, "node_modules", ".bin");
  if (!existsSync(join(bin, "pnpm"))) {
    log(`installing pnpm ${PNPM_VERSION} into ${prefix}`);
    mkdirSync(prefix, { recursive: true });
    const local = run("npm", ["install", "--prefix", prefix, "--no-fund", "--no-audit", `pnpm@${PNPM_VERSION}`]);
    if (local.status !== 0) fail(`could not install pnpm ${PNPM_VERSION} with npm`);
  }
  process.env.PATH = `${bin}${delimiter}${process.env.PATH}`;
  if (pnpmVersion() !== PNPM_VERSION) fail(`pnpm ${PNPM_VERSION} is not usable from ${bin}`);
}

/** Workspace package folders (apps/*, packages/*, packages/sections/*, tooling/*) with a package.json. */
function workspacePackages() {
  const patterns = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")
    .split("\n")
    .map((line) => line.match(/^\s+-\s+["']?([^"'#\s]+)["']?/)?.[1])
    .filter((p) => p?.endsWith("/*"));
  const dirs = [];
  for (const pattern of patterns) {
    const base = join(root, pattern.slice(0, -2));
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      const dir = join(base, entry.name);
      if (entry.isDirectory() && existsSync(join(dir, "package.json"))) dirs.push(dir);
    }
  }
  return dirs.sort();
}

/** Everything that decides what `pnpm install` does; when it is unchanged, installing is skipped. */
function installFingerprint() {
  const hash = createHash("sha256");
  const files = ["pnpm-lock.yaml", "pnpm-workspace.yaml", "package.json", ".npmrc"].map((f) => join(root, f));
  for (const dir of workspacePackages()) files.push(join(dir, "package.json"));
  for (const file of files) {
    hash.update(relative(root, file));
    hash.update(existsSync(file) ? readFileSync(file) : "(missing)");
  }
  hash.update(process.versions.node);
  return hash.digest("hex");
}

function ensureInstall() {
  const fingerprint = installFingerprint();
  const installed = existsSync(join(root, "node_modules", ".modules.yaml"));
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, "utf8"));
  } catch {
    stamp = undefined;
  }
  if (installed && stamp?.fingerprint === fingerprint) return;
  const hasLock = existsSync(join(root, "pnpm-lock.yaml"));
  log(installed ? "dependencies changed; running pnpm install" : "installing dependencies (first run)");
  const r = run("pnpm", ["install", ...(hasLock ? ["--frozen-lockfile"] : [])]);
  if (r.status !== 0) {
    fail(
      hasLock
        ? "pnpm install --frozen-lockfile failed. If you changed a package.json, run `pnpm install` to update pnpm-lock.yaml."
        : "pnpm install failed.",
    );
  }
  writeFileSync(STAMP, `${JSON.stringify({ fingerprint, at: new Date().toISOString() })}\n`);
}

/** Runs a long-lived child, forwarding termination signals; resolves with its exit code. */
function runForwarding(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: root, ...options });
    // Ctrl-C reaches the whole foreground process group, child included: only stay alive
    // to report. SIGTERM/SIGHUP may be aimed at this process alone: pass them on.
    const forward = (signal) => {
      if (signal !== "SIGINT" && child.exitCode === null) child.kill(signal);
    };
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const s of signals) process.on(s, forward);
    child.once("error", (error) => {
      console.error(`[homebase] could not run ${command}: ${error.message}`);
      resolve(127);
    });
    child.once("exit", (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1));
    });
  });
}

async function importLauncher() {
  return import(pathToFileURL(join(root, "tooling", "launcher", "launcher.mjs")).href);
}

const WEB_DIST = join(root, "apps", "web", "dist");
const WEB_STAMP = join(WEB_DIST, ".homebase-build");
const WEB_BUILD_LOCK = join(root, "node_modules", ".homebase-web-build.lock");

/** turbo's hash of the web shell's build (its sources and every dependency's), without building. */
function webBuildHash() {
  const r = spawnSync("pnpm", ["turbo", "run", "build", "--filter=@homebase/web", "--dry=json"], {
    encoding: "utf8",
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) return undefined;
  try {
    return JSON.parse(r.stdout).tasks.find((t) => t.taskId === "@homebase/web#build")?.hash;
  } catch {
    return undefined;
  }
}

function webShellIsCurrent(hash) {
  if (!hash || !existsSync(join(WEB_DIST, "index.html"))) return false;
  try {
    return readFileSync(WEB_STAMP, "utf8").trim() === hash;
  } catch {
    return false;
  }
}

function lockHolderAlive() {
  let pid;
  try {
    pid = Number(readFileSync(join(WEB_BUILD_LOCK, "pid"), "utf8"));
  } catch {
    // Just created, its pid not written yet; or left without one: alive while it is fresh.
    try {
      return Date.now() - statSync(WEB_BUILD_LOCK).mtimeMs < 10_000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/**
 * Builds the web shell unless apps/web/dist already holds this exact build, so that starting a
 * second instance never rewrites the files a running one serves. One build at a time per
 * checkout: an `npm start` that finds another one building waits for it, then uses its result.
 */
async function ensureWebShell() {
  const hash = webBuildHash();
  if (webShellIsCurrent(hash)) {
    log("the web shell is up to date");
    return;
  }
  for (;;) {
    try {
      mkdirSync(WEB_BUILD_LOCK);
      writeFileSync(join(WEB_BUILD_LOCK, "pid"), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      // The lock of a start that was stopped or died mid-build (its process is gone): take it over.
      if (!lockHolderAlive()) {
        rmSync(WEB_BUILD_LOCK, { recursive: true, force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (webShellIsCurrent(hash)) {
      log("the web shell was just built by another start");
      return;
    }
    log("building the web shell…");
    const started = Date.now();
    // Its ~60 lines of output are shown only when the build fails; otherwise one line says it worked.
    const build = spawnSync("pnpm", ["turbo", "run", "build", "--filter=@homebase/web", "--output-logs=new-only"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (build.status !== 0) {
      process.stdout.write(build.stdout ?? "");
      process.stderr.write(build.stderr ?? "");
      console.error("[homebase] the web shell did not build (output above); starting the API without a fresh shell");
    } else {
      log(`built the web shell in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (hash) writeFileSync(WEB_STAMP, `${hash}\n`);
    }
  } finally {
    rmSync(WEB_BUILD_LOCK, { recursive: true, force: true });
  }
}

async function start() {
  await ensureWebShell();
  const { runLauncher } = await importLauncher();
  return runLauncher({ root, mode: "start" });
}

/** `npm run start:api`: one API process (serving the shell) for a fleet; see README "Running on several machines". */
async function startApi() {
  await ensureWebShell();
  const { runLauncher } = await importLauncher();
  return runLauncher({ root, mode: "api" });
}

/** `npm run start:worker`: one worker process for a fleet. */
async function startWorker() {
  const { runLauncher } = await importLauncher();
  return runLauncher({ root, mode: "worker" });
}

async function dev() {
  const { runLauncher } = await importLauncher();
  return runLauncher({ root, mode: "dev" });
}

/** Reads each package's vitest JSON report and prints `Tests: N passed, N failed`. */
function summarizeTests(reportFiles, turboStatus, startedAt, lintOk = undefined) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const lines = [];
  // lintOk: undefined when lint did not run (a filtered run), else whether `biome check .` passed.
  if (lintOk === true) passed += 1;
  if (lintOk === false) failed += 1;
  if (lintOk !== undefined) {
    lines.push(`  lint (biome check .): ${lintOk ? "1 passed" : "failed (output above) — counted as 1 failure"}`);
  }
  for (const { name, file } of reportFiles) {
    // Every package turbo was to test must have written a report during this run.
    if (!existsSync(file) || statSync(file).mtimeMs < startedAt) {
      failed += 1;
      lines.push(`  ${name}: no test report (its test command failed before reporting) — counted as 1 failure`);
      continue;
    }
    let report;
    try {
      report = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      failed += 1;
      lines.push(`  ${name}: unreadable test report — counted as 1 failure`);
      continue;
    }
    // A test file that fails to load has no failed test, only a failed suite: count it too.
    const brokenFiles = (report.testResults ?? []).filter(
      (r) => r.status === "failed" && !(r.assertionResults ?? []).some((a) => a.status === "failed"),
    ).length;
    const p = report.numPassedTests ?? 0;
    const f = (report.numFailedTests ?? 0) + brokenFiles;
    const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    passed += p;
    failed += f;
    skipped += s;
    lines.push(
      `  ${name}: ${p} passed${f ? `, ${f} failed` : ""}${s ? `, ${s} skipped` : ""}${brokenFiles ? ` (${brokenFiles} file(s) failed to load)` : ""}`,
    );
  }
  console.log("");
  for (const line of lines) console.log(line);
  if (skipped) console.log(`  (${skipped} skipped or todo)`);
  console.log(`Tests: ${passed} passed, ${failed} failed`);
  return turboStatus !== 0 || failed > 0 ? 1 : 0;
}

/** The packages whose `test` task turbo will run with these arguments (from a dry run). */
function plannedTestPackages(args) {
  const r = spawnSync("pnpm", ["turbo", "run", "test", "--dry=json", ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  try {
    const plan = JSON.parse(r.stdout);
    return new Set(plan.tasks.filter((t) => t.task === "test" && t.command !== "<NONEXISTENT>").map((t) => t.package));
  } catch {
    return undefined;
  }
}

async function test(args) {
  const planned = plannedTestPackages(args);
  const packages = workspacePackages()
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ pkg }) => pkg.scripts?.test && (!planned || planned.has(pkg.name)));
  const reportFiles = packages.map(({ dir, pkg }) => ({
    name: pkg.name,
    file: join(dir, "test-results", "vitest.json"),
  }));
  // Stale reports from an earlier run must not be counted.
  for (const { file } of reportFiles) rmSync(file, { force: true });
  // Lint and formatting (Biome) are part of the test run: a change that breaks them fails it.
  // Only on a whole run: a filtered run (`npm test -- --filter=…`) is about its packages.
  let lintOk;
  if (args.length === 0) {
    log("biome check .");
    lintOk = run("pnpm", ["exec", "biome", "check", "."]).status === 0;
  }
  const startedAt = Date.now() - 1000;
  const status = await runForwarding("pnpm", ["turbo", "run", "test", "--concurrency=1", "--continue", ...args]);
  return summarizeTests(reportFiles, status, startedAt, lintOk);
}

async function bench(args) {
  if (!existsSync(join(root, "tooling", "bench", "package.json"))) {
    console.error("[homebase] there is no benchmark package yet (tooling/bench, @homebase/bench); nothing to run.");
    return 1;
  }
  return runForwarding("pnpm", ["--filter", "@homebase/bench", "bench", ...(args.length ? ["--", ...args] : [])]);
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!COMMANDS.includes(command))
    fail(`usage: node tooling/bootstrap/bootstrap.mjs <${COMMANDS.join("|")}> [args…]`, 2);
  checkNode();
  prepareEnv();
  ensurePnpm();
  ensureInstall();
  const handlers = { start, "start:api": startApi, "start:worker": startWorker, dev, test, bench };
  const code = await handlers[command](args);
  process.exit(code);
}

await main();
