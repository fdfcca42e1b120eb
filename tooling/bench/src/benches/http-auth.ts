import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAccount, readJson, startApi } from "../lib/api";
import { type LoadResult, loadTool, runLoad } from "../lib/load";
import { child } from "../lib/paths";
import { freePort, startNode, waitForHttp } from "../lib/proc";
import { type ProfileSummary, printProfile, summarizeProfile } from "../lib/profile";
import { benchPrefix, deletePrefix } from "../lib/redis";
import { atLeast, atMost, type Bench, type Row } from "../lib/report";
import { seedKeys } from "../lib/seed-keys";
import { median, round } from "../lib/stats";

const KEYS = 100_000;
const CONNECTIONS = 50;

/** Frames whose inclusive time tells where a request's time goes. */
const HOT_PATH = [
  "requestId",
  "secureHeaders",
  "requestLog",
  "principalFromKey",
  "parseApiKey",
  "findApiKeyForAuth",
  "digest",
  "touchApiKey",
  "describeViewer",
  "listUserTeams",
  "resolveDefaultEntity",
  "getStoredUserSettings",
  "pino",
  "zod",
  "drizzle-orm",
  "better-sqlite3",
  "@hono/zod-openapi",
  "@hono/node-server",
];

/** A second API on the same data, under `node --cpu-prof`, for one more load run of /viewer. */
async function profileViewer(
  dataDir: string,
  prefix: string,
  headers: Record<string, string>,
  seconds: number,
  tool: "wrk" | "autocannon",
  log: (m: string) => void,
): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), "homebase-bench-prof-"));
  const api = await startApi({ dataDir, prefix, logLevel: "warn", nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
  try {
    const result = await runLoad({
      url: `${api.origin}/api/v1/viewer`,
      headers,
      tool,
      connections: CONNECTIONS,
      seconds,
    });
    log(`profiled run: ${round(result.rps, 0)} req/s (profiler on)`);
  } finally {
    await api.stop();
  }
  const summary = summarizeProfile(dir, HOT_PATH, { windowMs: seconds * 1000 });
  printProfile(summary, log);
  return summary;
}

interface Measured {
  round: number;
  what: "baseline" | "viewer" | "settings";
  result: LoadResult;
}

export const httpAuth: Bench = {
  name: "http-auth",
  title: "http-auth: key-authenticated GET /api/v1/viewer vs a bare Hono JSON route (50 connections)",
  async run({ rounds, duration, keep, profile, tool: forcedTool, log }) {
    const seconds = duration ?? 10;
    const dataDir = mkdtempSync(join(tmpdir(), "homebase-bench-http-auth-"));
    const prefix = benchPrefix("http-auth");
    const tool = loadTool(forcedTool);
    log(`seeding ${KEYS - 1} API keys into ${dataDir}`);
    const seedStarted = performance.now();
    seedKeys(join(dataDir, "homebase.sqlite"), KEYS - 1);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const basePort = await freePort();
    const bare = startNode("bare-hono", child("bare-hono.ts"), { env: { PORT: String(basePort) } });
    const api = await startApi({ dataDir, prefix, logLevel: "warn" });
    try {
      await waitForHttp(`http://127.0.0.1:${basePort}/healthz`, bare);
      const account = await createAccount(api.origin);
      const targets = {
        baseline: { url: `http://127.0.0.1:${basePort}/json`, headers: {} as Record<string, string> },
        viewer: { url: `${api.origin}/api/v1/viewer`, headers: { authorization: `Bearer ${account.apiKey}` } },
        settings: { url: `${api.origin}/api/v1/me/settings`, headers: { cookie: account.cookie } },
      };
      const samples: Record<string, unknown> = {};
      for (const [what, t] of Object.entries(targets)) {
        const res = await fetch(t.url, { headers: t.headers });
        samples[what] = { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
        if (res.status !== 200) throw new Error(`${what}: ${t.url} answered ${res.status}`);
      }
      const viewerBody = await readJson(await fetch(targets.viewer.url, { headers: targets.viewer.headers }), "viewer");
      log(`load tool: ${tool}; warming up`);
      for (const t of Object.values(targets)) await runLoad({ ...t, tool, connections: CONNECTIONS, seconds: 2 });

      const measured: Measured[] = [];
      const order: (keyof typeof targets)[] = ["baseline", "viewer", "settings"];
      for (let r = 1; r <= rounds; r++) {
        // Rotate the order each round so a drift in machine load does not favour one side.
        const rotated = order.map((_, i) => order[(i + r - 1) % order.length]!);
        for (const what of rotated) {
          const result = await runLoad({ ...targets[what], tool, connections: CONNECTIONS, seconds });
          measured.push({ round: r, what, result });
          log(
            `round ${r} ${what.padEnd(8)} ${round(result.rps, 0)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms` +
              (result.non2xx || result.errors ? `  non-2xx ${result.non2xx} errors ${result.errors}` : ""),
          );
        }
      }
      const apiPeakRss = api.proc.peakRss();
      const barePeakRss = bare.peakRss();
      let profileSummary: ProfileSummary | undefined;
      if (profile) profileSummary = await profileViewer(dataDir, prefix, targets.viewer.headers, seconds, tool, log);
      const of = (what: string, f: (m: LoadResult) => number) =>
        median(measured.filter((m) => m.what === what).map((m) => f(m.result)));
      const base = of("baseline", (m) => m.rps);
      const viewer = of("viewer", (m) => m.rps);
      const settings = of("settings", (m) => m.rps);
      const ratios = Array.from({ length: rounds }, (_, i) => {
        const get = (w: string) => measured.find((m) => m.round === i + 1 && m.what === w)!.result.rps;
        return { viewer: get("viewer") / get("baseline"), settings: get("settings") / get("baseline") };
      });
      const viewerP99 = of("viewer", (m) => m.p99Ms);
      const errors = measured.reduce((n, m) => n + m.result.non2xx + m.result.errors, 0);
      const rows: Row[] = [
        {
          what: "GET /api/v1/viewer (Bearer key) throughput",
          unit: "req/s",
          figure: viewer,
          baseline: base,
          ratio: viewer / base,
          target: "ratio ≥ 0.6",
          pass: atLeast(viewer / base, 0.6),
        },
        {
          what: "GET /api/v1/viewer p99 latency",
          unit: "ms",
          figure: viewerP99,
          baseline: of("baseline", (m) => m.p99Ms),
          target: "< 10 ms",
          pass: viewerP99 < 10,
        },
        {
          what: "GET /api/v1/viewer p50 latency",
          unit: "ms",
          figure: of("viewer", (m) => m.p50Ms),
          baseline: of("baseline", (m) => m.p50Ms),
        },
        {
          what: "GET /api/v1/me/settings (cookie) throughput",
          unit: "req/s",
          figure: settings,
          baseline: base,
          ratio: settings / base,
        },
        { what: "GET /api/v1/me/settings p50 latency", unit: "ms", figure: of("settings", (m) => m.p50Ms) },
        { what: "GET /api/v1/me/settings p99 latency", unit: "ms", figure: of("settings", (m) => m.p99Ms) },
        {
          what: "peak RSS of the API process (VmHWM)",
          unit: "MB",
          figure: (apiPeakRss ?? Number.NaN) / 1e6,
          baseline: (barePeakRss ?? Number.NaN) / 1e6,
        },
        { what: "non-2xx responses and socket errors", unit: "", figure: errors, target: "0", pass: atMost(errors, 0) },
      ];
      return {
        rows,
        details: {
          tool,
          connections: CONNECTIONS,
          secondsPerRun: seconds,
          keys: KEYS,
          seedSeconds: round(seedSeconds, 1),
          responses: samples,
          viewerBody,
          ratiosPerRound: ratios.map((r) => ({ viewer: round(r.viewer, 3), settings: round(r.settings, 3) })),
          runs: measured,
          apiPeakRssBytes: apiPeakRss,
          barePeakRssBytes: barePeakRss,
          profile: profileSummary,
        },
        notes: [
          `load generator: ${tool} on the same 2-core machine (it takes one core, the server the other)`,
          "API process: apps/api/src/server.ts with LOG_LEVEL=warn, NODE_ENV=production",
        ],
      };
    } finally {
      await Promise.allSettled([api.stop(), bare.stop()]);
      await deletePrefix(prefix).catch(() => 0);
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
