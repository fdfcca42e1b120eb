/**
 * npm run bench:compare -- <git-ref> [--rounds N] [--seconds S]
 *
 * Is the key-authenticated request slower than it was at <git-ref>? Answers a target of the form
 * "http-auth must not get slower than before by more than 5 %" (issue 18), which the http-auth
 * bench cannot: it compares against a bare route, not against older code.
 *
 * Checks <git-ref> out into a temporary worktree, installs it (offline, from the pnpm store),
 * starts its API and this checkout's API side by side on fresh SQLite databases, and loads
 * GET /api/v1/viewer (Bearer key, 50 connections) on each in short alternating slices. The
 * figure is the API process's CPU time per request (/proc utime + stime over the slice's
 * requests), not throughput: on a 2-core machine the load generator shares the CPU and
 * throughput swings by 1.5× between slices, while CPU per request is what the code costs.
 * Adjacent slices run under the same conditions, so the median of the per-pair ratios is the
 * answer; the medians of each side are printed too.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAccount } from "./lib/api";
import { runLoad } from "./lib/load";
import { REDIS_URL, REPO_ROOT } from "./lib/paths";
import { freePort, type NodeProcess, readCpuMs, startNode, waitForHttp } from "./lib/proc";
import { median } from "./lib/stats";

const USAGE = "npm run bench:compare -- <git-ref> [--rounds N (default 20)] [--seconds S (default 3)]";
const TARGET = 1.05;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at < 0 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number\n${USAGE}`);
  return value;
}

const ref = process.argv.slice(2).find((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"));
if (!ref) {
  console.error(USAGE);
  process.exit(2);
}
const rounds = option("rounds", 20);
const seconds = option("seconds", 3);

interface Side {
  name: string;
  root: string;
  api: NodeProcess;
  origin: string;
  key: string;
  cpuPerRequest: number[];
}

async function startSide(name: string, root: string): Promise<Side> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), `homebase-compare-${name}-`));
  dataDirs.push(dataDir);
  const api = startNode(`api-${name}`, join(root, "apps", "api", "src", "server.ts"), {
    cwd: root,
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      PUBLIC_URL: origin,
      DATA_DIR: dataDir,
      QUEUE_PREFIX: `bench-compare-${name}-${port}`,
      REDIS_URL,
      LOG_LEVEL: "warn",
      DATABASE_URL: undefined,
    },
  });
  await waitForHttp(`${origin}/readyz`, api, 60_000);
  const { apiKey } = await createAccount(origin);
  return { name, root, api, origin, key: apiKey, cpuPerRequest: [] };
}

async function slice(side: Side, sliceSeconds: number): Promise<number> {
  const before = readCpuMs(side.api.pid) ?? Number.NaN;
  const load = await runLoad({
    url: `${side.origin}/api/v1/viewer`,
    headers: { authorization: `Bearer ${side.key}` },
    connections: 50,
    seconds: sliceSeconds,
  });
  if (load.non2xx > 0 || load.errors > 0)
    throw new Error(`${side.name}: ${load.non2xx} non-2xx, ${load.errors} errors`);
  return (((readCpuMs(side.api.pid) ?? Number.NaN) - before) * 1000) / load.requests;
}

const dataDirs: string[] = [];
const worktree = mkdtempSync(join(tmpdir(), "homebase-compare-ref-"));
const sides: Side[] = [];
try {
  const commit = execFileSync("git", ["rev-parse", "--short", `${ref}^{commit}`], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  }).trim();
  console.log(`compare: checking out ${ref} (${commit}) into ${worktree} and installing it`);
  execFileSync("git", ["worktree", "add", "--detach", worktree, commit], { cwd: REPO_ROOT, stdio: "ignore" });
  execFileSync("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], {
    cwd: worktree,
    stdio: "ignore",
    env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? "/usr", CI: "true" },
  });
  sides.push(await startSide("before", worktree), await startSide("now", REPO_ROOT));
  for (const side of sides) await slice(side, 4); // warm-up: JIT, caches, the key's first-use bookkeeping
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
      side.cpuPerRequest.push(await slice(side, seconds));
    }
    const [before, now] = sides as [Side, Side];
    console.log(
      `round ${round + 1}: before ${before.cpuPerRequest[round]!.toFixed(1)} µs, now ${now.cpuPerRequest[round]!.toFixed(1)} µs CPU per request`,
    );
  }
  const [before, now] = sides as [Side, Side];
  const ratio = median(now.cpuPerRequest.map((n, i) => n / before.cpuPerRequest[i]!));
  const rssMb = (side: Side) => {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${side.api.pid}/status`, "utf8"));
    return m ? `${Math.round(Number(m[1]) / 1024)} MB` : "?";
  };
  console.log(
    `\nGET /api/v1/viewer, API CPU per request (median of ${rounds} slices of ${seconds} s):\n` +
      `  before (${ref}, ${commit}): ${median(before.cpuPerRequest).toFixed(1)} µs, peak RSS ${rssMb(before)}\n` +
      `  now: ${median(now.cpuPerRequest).toFixed(1)} µs, peak RSS ${rssMb(now)}\n` +
      `  now / before, median of the per-round ratios: ${ratio.toFixed(3)} (target ≤ ${TARGET}): ${ratio <= TARGET ? "PASS" : "FAIL"}`,
  );
  process.exitCode = ratio <= TARGET ? 0 : 1;
} finally {
  await Promise.all(sides.map((s) => s.api.stop()));
  execFileSync("git", ["worktree", "remove", "--force", worktree], { cwd: REPO_ROOT, stdio: "ignore" });
  for (const dir of [worktree, ...dataDirs]) rmSync(dir, { recursive: true, force: true });
}
