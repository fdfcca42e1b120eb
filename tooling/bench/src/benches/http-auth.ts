import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAccount, readJson, startApi } from "../lib/api";
import { type LoadResult, loadTool, runLoad } from "../lib/load";
import { child } from "../lib/paths";
import { type FreshPg, freshPgDatabase, openPg, POOL_SIZE } from "../lib/pg";
import { freePort, type NodeProcess, startNode, waitForHttp } from "../lib/proc";
import { type ProfileSummary, printProfile, summarizeProfile } from "../lib/profile";
import { benchPrefix, deletePrefix } from "../lib/redis";
import { atLeast, atMost, type Bench, type BenchDb, type Row } from "../lib/report";
import { seedKeys } from "../lib/seed-keys";
import { seedKeysPg } from "../lib/seed-keys-pg";
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
  env: Record<string, string | undefined>,
  headers: Record<string, string>,
  seconds: number,
  tool: "wrk" | "autocannon",
  frames: string[],
  log: (m: string) => void,
): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), "homebase-bench-prof-"));
  const api = await startApi({
    dataDir,
    prefix,
    logLevel: "warn",
    env,
    nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
  });
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
  const summary = summarizeProfile(dir, frames, { windowMs: seconds * 1000 });
  printProfile(summary, log);
  return summary;
}

interface Measured {
  round: number;
  what: "baseline" | "raw" | "viewer" | "settings";
  result: LoadResult;
}

/** Seeds the keys where the API will read them; gives the API's database env and a cleanup. */
async function seed(
  dialect: BenchDb,
  dataDir: string,
): Promise<{ env: Record<string, string | undefined>; database?: FreshPg }> {
  if (dialect === "sqlite") {
    seedKeys(join(dataDir, "homebase.sqlite"), KEYS - 1);
    return { env: {} };
  }
  const database = await freshPgDatabase();
  try {
    const pg = await openPg(database.url, { poolSize: 1 });
    try {
      await seedKeysPg(pg.pool, KEYS - 1);
    } finally {
      await pg.close();
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
  return { env: { DATABASE_URL: database.url, DATABASE_POOL_SIZE: String(POOL_SIZE) }, database };
}

function httpAuthBench(dialect: BenchDb): Bench {
  const pg = dialect === "postgres";
  const name = pg ? "http-auth-pg" : "http-auth";
  const frames = pg ? [...HOT_PATH.filter((f) => f !== "better-sqlite3"), "pg", "pg-protocol"] : HOT_PATH;
  return {
    name,
    dialect,
    title: pg
      ? "http-auth-pg: key-authenticated GET /api/v1/viewer on PostgreSQL vs a bare Hono JSON route and a raw key check through pg (50 connections)"
      : "http-auth: key-authenticated GET /api/v1/viewer vs a bare Hono JSON route (50 connections)",
    async run({ rounds, duration, keep, profile, tool: forcedTool, log }) {
      const seconds = duration ?? 10;
      const dataDir = mkdtempSync(join(tmpdir(), `homebase-bench-${name}-`));
      const prefix = benchPrefix(name);
      const tool = loadTool(forcedTool);
      log(`seeding ${KEYS - 1} API keys into ${pg ? "a fresh PostgreSQL database" : dataDir}`);
      const seedStarted = performance.now();
      const seeded = await seed(dialect, dataDir);
      const seedSeconds = (performance.now() - seedStarted) / 1000;

      const basePort = await freePort();
      const bare = startNode("bare-hono", child("bare-hono.ts"), { env: { PORT: String(basePort) } });
      const rawPort = pg ? await freePort() : 0;
      const raw: NodeProcess | undefined = pg
        ? startNode("raw-key-auth-pg", child("raw-key-auth-pg.ts"), { env: { PORT: String(rawPort), ...seeded.env } })
        : undefined;
      let api: Awaited<ReturnType<typeof startApi>> | undefined;
      try {
        api = await startApi({ dataDir, prefix, logLevel: "warn", env: seeded.env });
        await waitForHttp(`http://127.0.0.1:${basePort}/healthz`, bare);
        if (raw) await waitForHttp(`http://127.0.0.1:${rawPort}/healthz`, raw);
        const account = await createAccount(api.origin);
        const bearer = { authorization: `Bearer ${account.apiKey}` };
        const targets: Partial<Record<Measured["what"], { url: string; headers: Record<string, string> }>> = {
          baseline: { url: `http://127.0.0.1:${basePort}/json`, headers: {} },
          ...(pg ? { raw: { url: `http://127.0.0.1:${rawPort}/viewer`, headers: bearer } } : {}),
          viewer: { url: `${api.origin}/api/v1/viewer`, headers: bearer },
          settings: { url: `${api.origin}/api/v1/me/settings`, headers: { cookie: account.cookie } },
        };
        const samples: Record<string, unknown> = {};
        for (const [what, t] of Object.entries(targets)) {
          const res = await fetch(t.url, { headers: t.headers });
          samples[what] = { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
          if (res.status !== 200) throw new Error(`${what}: ${t.url} answered ${res.status}`);
        }
        const viewerBody = await readJson(await fetch(targets.viewer!.url, { headers: bearer }), "viewer");
        log(`load tool: ${tool}; warming up`);
        for (const t of Object.values(targets)) await runLoad({ ...t, tool, connections: CONNECTIONS, seconds: 2 });

        const measured: Measured[] = [];
        const order = Object.keys(targets) as Measured["what"][];
        for (let r = 1; r <= rounds; r++) {
          // Rotate the order each round so a drift in machine load does not favour one side.
          const rotated = order.map((_, i) => order[(i + r - 1) % order.length]!);
          for (const what of rotated) {
            const result = await runLoad({ ...targets[what]!, tool, connections: CONNECTIONS, seconds });
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
        if (profile) {
          profileSummary = await profileViewer(dataDir, prefix, seeded.env, bearer, seconds, tool, frames, log);
        }
        const of = (what: string, f: (m: LoadResult) => number) =>
          median(measured.filter((m) => m.what === what).map((m) => f(m.result)));
        const base = of("baseline", (m) => m.rps);
        const viewer = of("viewer", (m) => m.rps);
        const settings = of("settings", (m) => m.rps);
        const rawRps = of("raw", (m) => m.rps);
        const ratios = Array.from({ length: rounds }, (_, i) => {
          const get = (w: string) => measured.find((m) => m.round === i + 1 && m.what === w)?.result.rps ?? Number.NaN;
          return {
            viewer: round(get("viewer") / get("baseline"), 3),
            settings: round(get("settings") / get("baseline"), 3),
            ...(pg
              ? { raw: round(get("raw") / get("baseline"), 3), viewerToRaw: round(get("viewer") / get("raw"), 3) }
              : {}),
          };
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
          ...(pg
            ? [
                {
                  what: "raw key check through pg (parse, one lookup, SHA-256, user JSON)",
                  unit: "req/s",
                  figure: rawRps,
                  baseline: base,
                  ratio: rawRps / base,
                },
                {
                  what: "GET /api/v1/viewer vs the raw key check through pg",
                  unit: "req/s",
                  figure: viewer,
                  baseline: rawRps,
                  ratio: viewer / rawRps,
                },
                { what: "raw key check p99 latency", unit: "ms", figure: of("raw", (m) => m.p99Ms) },
              ]
            : []),
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
          {
            what: "non-2xx responses and socket errors",
            unit: "",
            figure: errors,
            target: "0",
            pass: atMost(errors, 0),
          },
        ];
        return {
          rows,
          details: {
            tool,
            connections: CONNECTIONS,
            secondsPerRun: seconds,
            keys: KEYS,
            ...(pg ? { poolSize: POOL_SIZE, database: seeded.database?.name } : {}),
            seedSeconds: round(seedSeconds, 1),
            responses: samples,
            viewerBody,
            ratiosPerRound: ratios,
            runs: measured,
            apiPeakRssBytes: apiPeakRss,
            barePeakRssBytes: barePeakRss,
            profile: profileSummary,
          },
          notes: [
            `load generator: ${tool} on the same 2-core machine (it takes one core, the server the other)`,
            pg
              ? `API process: apps/api/src/server.ts with LOG_LEVEL=warn, NODE_ENV=production, DATABASE_URL on a fresh PostgreSQL database, pool of ${POOL_SIZE}`
              : "API process: apps/api/src/server.ts with LOG_LEVEL=warn, NODE_ENV=production",
          ],
        };
      } finally {
        await Promise.allSettled([api?.stop(), bare.stop(), raw?.stop()]);
        await deletePrefix(prefix).catch(() => 0);
        if (!keep) {
          rmSync(dataDir, { recursive: true, force: true });
          await seeded.database?.drop();
        } else if (seeded.database) log(`kept database ${seeded.database.name}`);
      }
    },
  };
}

export const httpAuth = httpAuthBench("sqlite");
export const httpAuthPg = httpAuthBench("postgres");
