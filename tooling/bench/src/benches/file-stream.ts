import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, openDb } from "@homebase/db";
import { createAccount, readJson, startApi } from "../lib/api";
import { type LoadResult, loadTool, runLoad } from "../lib/load";
import { child } from "../lib/paths";
import { freePort, type NodeProcess, startNode, waitForHttp } from "../lib/proc";
import { type ProfileSummary, printProfile, summarizeProfile } from "../lib/profile";
import { benchPrefix, deletePrefix } from "../lib/redis";
import { atLeast, atMost, type Bench, type Row } from "../lib/report";
import { seedKeys } from "../lib/seed-keys";
import { median, round } from "../lib/stats";

const KEYS = 100_000;
/** 10 runs for each of the 10,000 seeded users: 100,000 runs in 10,000 projects. */
const RUNS_PER_USER = 10;
const CONNECTIONS = 50;
const HISTORY_LINES = 50;
const HISTORY_OFFSET = 1000;

/** The two bodies the SDK sends most: a heartbeat, and a batch of `run.log` lines. */
const BODIES = {
  heartbeat: "{}",
  history: JSON.stringify({
    files: {
      "wandb-history.jsonl": {
        offset: HISTORY_OFFSET,
        content: Array.from({ length: HISTORY_LINES }, (_, i) =>
          JSON.stringify({
            _step: HISTORY_OFFSET + i,
            loss: round(1 / (i + 2), 6),
            acc: round(0.9 + i / 1000, 6),
            _runtime: round(1.2 + i * 0.1, 3),
            _timestamp: 1_700_000_000.1 + i * 0.1,
          }),
        ),
      },
    },
  }),
};
type BodyName = keyof typeof BODIES;
type Server = "bare" | "raw" | "real";

/** Frames whose inclusive time tells where a file_stream request's time goes. */
const HOT_PATH = [
  "requestId",
  "secureHeaders",
  "requestLog",
  "bodyLimit",
  "principalFromKey",
  "parseApiKey",
  "findApiKeyForAuth",
  "digest",
  "touchApiKey",
  "findRunForCaller",
  "entityForWrite",
  "findRunByPath",
  "parseFileStreamBody",
  "reportRunningRunByPath",
  "reportRun",
  "pino",
  "drizzle-orm",
  "better-sqlite3",
  "@hono/node-server",
];

interface Measured {
  round: number;
  body: BodyName;
  server: Server;
  result: LoadResult;
  /** CPU time of the server process (user + system) per request answered, in µs. */
  cpuUsPerRequest: number;
}

/** A second API on the same data, under `node --cpu-prof`, for one more load run of each body. */
async function profileRoute(
  dataDir: string,
  prefix: string,
  path: string,
  headers: Record<string, string>,
  seconds: number,
  tool: "wrk" | "autocannon",
  log: (m: string) => void,
): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), "homebase-bench-prof-"));
  const api = await startApi({ dataDir, prefix, logLevel: "warn", nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
  try {
    for (const [name, body] of Object.entries(BODIES)) {
      const result = await runLoad({
        url: `${api.origin}${path}`,
        method: "POST",
        body,
        headers,
        tool,
        connections: CONNECTIONS,
        seconds,
      });
      log(`profiled run, ${name}: ${round(result.rps, 0)} req/s (profiler on)`);
    }
  } finally {
    await api.stop();
  }
  const summary = summarizeProfile(dir, HOT_PATH, { windowMs: 2 * seconds * 1000 });
  printProfile(summary, log);
  return summary;
}

export const fileStream: Bench = {
  name: "file-stream",
  title:
    "file-stream: POST /files/{entity}/{project}/{run}/file_stream (Basic api:KEY) vs a raw key check + UPDATE and a bare Hono route (50 connections)",
  async run({ rounds, duration, keep, profile, tool: forcedTool, log }) {
    const seconds = duration ?? 10;
    const dataDir = mkdtempSync(join(tmpdir(), "homebase-bench-file-stream-"));
    const dbFile = join(dataDir, "homebase.sqlite");
    const prefix = benchPrefix("file-stream");
    const tool = loadTool(forcedTool);
    log(`seeding ${KEYS - 1} API keys and ${(KEYS / 10) * RUNS_PER_USER} runs into ${dataDir}`);
    const seedStarted = performance.now();
    seedKeys(dbFile, KEYS - 1, { runsPerUser: RUNS_PER_USER });
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const barePort = await freePort();
    const rawPort = await freePort();
    const bare = startNode("bare-hono", child("bare-hono.ts"), { env: { PORT: String(barePort) } });
    const raw = startNode("raw-file-stream", child("raw-file-stream.ts"), {
      env: { PORT: String(rawPort), DB_FILE: dbFile },
    });
    const api = await startApi({ dataDir, prefix, logLevel: "warn" });
    try {
      await waitForHttp(`http://127.0.0.1:${barePort}/healthz`, bare);
      await waitForHttp(`http://127.0.0.1:${rawPort}/healthz`, raw);
      const account = await createAccount(api.origin);
      // The run, as a program without the SDK starts one (the SDK's UpsertBucket does the same).
      const started = await readJson(
        await fetch(`${api.origin}/api/v1/runs`, {
          method: "POST",
          headers: { authorization: `Bearer ${account.apiKey}`, "content-type": "application/json" },
          body: JSON.stringify({ project: "bench" }),
        }),
        "start a run",
      );
      const seg = encodeURIComponent;
      const path = `/files/${seg(started.entity)}/${seg(started.project)}/${seg(started.runId)}/file_stream`;
      const headers = {
        authorization: `Basic ${Buffer.from(`api:${account.apiKey}`).toString("base64")}`,
        "content-type": "application/json",
      };
      const origins: Record<Server, string> = {
        bare: `http://127.0.0.1:${barePort}`,
        raw: `http://127.0.0.1:${rawPort}`,
        real: api.origin,
      };
      const servers: Server[] = ["bare", "raw", "real"];
      const samples: Record<string, unknown> = {};
      for (const server of servers) {
        for (const [name, body] of Object.entries(BODIES)) {
          const res = await fetch(`${origins[server]}${path}`, { method: "POST", headers, body });
          const text = await res.text();
          samples[`${server} ${name}`] = { status: res.status, bytes: text.length, body: text.slice(0, 200) };
          if (res.status !== 200) throw new Error(`${server} ${name}: ${path} answered ${res.status} ${text}`);
        }
      }
      const procs: Record<Server, NodeProcess> = { bare, raw, real: api.proc };
      const load = (server: Server, body: BodyName, secs: number) =>
        runLoad({
          url: `${origins[server]}${path}`,
          method: "POST",
          body: BODIES[body],
          headers,
          tool,
          connections: CONNECTIONS,
          seconds: secs,
        });
      log(`load tool: ${tool}; history body ${BODIES.history.length} bytes; warming up`);
      for (const server of servers) for (const body of Object.keys(BODIES) as BodyName[]) await load(server, body, 2);

      const measured: Measured[] = [];
      for (let r = 1; r <= rounds; r++) {
        // Rotate the order each round so a drift in machine load does not favour one side.
        const rotated = servers.map((_, i) => servers[(i + r - 1) % servers.length]!);
        for (const body of Object.keys(BODIES) as BodyName[]) {
          for (const server of rotated) {
            const cpuBefore = procs[server].cpuMs() ?? Number.NaN;
            const result = await load(server, body, seconds);
            const cpuUsPerRequest = (((procs[server].cpuMs() ?? Number.NaN) - cpuBefore) * 1000) / result.requests;
            measured.push({ round: r, body, server, result, cpuUsPerRequest });
            log(
              `round ${r} ${body.padEnd(9)} ${server.padEnd(4)} ${round(result.rps, 0)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  CPU ${round(cpuUsPerRequest, 0)} µs/req` +
                (result.non2xx || result.errors ? `  non-2xx ${result.non2xx} errors ${result.errors}` : ""),
            );
          }
        }
      }
      const peak: Record<Server, number | undefined> = {
        real: api.proc.peakRss(),
        raw: raw.peakRss(),
        bare: bare.peakRss(),
      };
      // The stream was really recorded: the run's history count and heartbeat moved.
      const check = openDb({ file: dbFile, migrate: false, readonly: true });
      const recorded = check.$client
        .prepare(
          "select history_line_count as lines, last_heartbeat_at as heartbeat, created_at as created from runs where id = ?",
        )
        .get(started.id) as { lines: number; heartbeat: number; created: number };
      closeDb(check);
      let profileSummary: ProfileSummary | undefined;
      if (profile) profileSummary = await profileRoute(dataDir, prefix, path, headers, seconds, tool, log);

      const of = (server: Server, body: BodyName, f: (m: LoadResult) => number) =>
        median(measured.filter((m) => m.server === server && m.body === body).map((m) => f(m.result)));
      const cpuOf = (server: Server, body: BodyName) =>
        median(measured.filter((m) => m.server === server && m.body === body).map((m) => m.cpuUsPerRequest));
      const perRound = (body: BodyName) =>
        Array.from({ length: rounds }, (_, i) => {
          const get = (s: Server) =>
            measured.find((m) => m.round === i + 1 && m.body === body && m.server === s)!.result.rps;
          return { realToRaw: round(get("real") / get("raw"), 3), realToBare: round(get("real") / get("bare"), 3) };
        });
      const label: Record<BodyName, string> = {
        heartbeat: "heartbeat {}",
        history: `${HISTORY_LINES}-line history batch`,
      };
      const rows: Row[] = [];
      for (const body of Object.keys(BODIES) as BodyName[]) {
        const real = of("real", body, (m) => m.rps);
        const rawRps = of("raw", body, (m) => m.rps);
        const bareRps = of("bare", body, (m) => m.rps);
        const p99 = of("real", body, (m) => m.p99Ms);
        rows.push(
          {
            what: `file_stream, ${label[body]}: Homebase vs raw baseline`,
            unit: "req/s",
            figure: real,
            baseline: rawRps,
            ratio: real / rawRps,
            target: "ratio ≥ 0.8",
            pass: atLeast(real / rawRps, 0.8),
          },
          {
            what: `file_stream, ${label[body]}: Homebase vs bare route`,
            unit: "req/s",
            figure: real,
            baseline: bareRps,
            ratio: real / bareRps,
          },
          {
            what: `file_stream, ${label[body]}: raw baseline vs bare route`,
            unit: "req/s",
            figure: rawRps,
            baseline: bareRps,
            ratio: rawRps / bareRps,
          },
          {
            what: `file_stream, ${label[body]}: p99 latency (vs raw)`,
            unit: "ms",
            figure: p99,
            baseline: of("raw", body, (m) => m.p99Ms),
            target: "< 20 ms",
            pass: p99 < 20,
          },
          {
            what: `file_stream, ${label[body]}: p50 latency (vs raw)`,
            unit: "ms",
            figure: of("real", body, (m) => m.p50Ms),
            baseline: of("raw", body, (m) => m.p50Ms),
          },
          {
            what: `file_stream, ${label[body]}: server CPU per request (vs raw; ratio raw ÷ Homebase)`,
            unit: "µs",
            figure: cpuOf("real", body),
            baseline: cpuOf("raw", body),
            ratio: cpuOf("raw", body) / cpuOf("real", body),
          },
        );
      }
      const errors = measured.reduce((n, m) => n + m.result.non2xx + m.result.errors, 0);
      const expectedLines = HISTORY_OFFSET + HISTORY_LINES;
      rows.push(
        {
          what: "peak RSS of the API process (VmHWM; baseline: raw)",
          unit: "MB",
          figure: (peak.real ?? Number.NaN) / 1e6,
          baseline: (peak.raw ?? Number.NaN) / 1e6,
        },
        {
          what: `the run's history count after the load (${expectedLines} expected)`,
          unit: "lines",
          figure: recorded.lines,
          target: `${expectedLines}, heartbeat moved`,
          pass: recorded.lines === expectedLines && recorded.heartbeat > recorded.created,
        },
        { what: "non-2xx responses and socket errors", unit: "", figure: errors, target: "0", pass: atMost(errors, 0) },
      );
      return {
        rows,
        details: {
          tool,
          connections: CONNECTIONS,
          secondsPerRun: seconds,
          keys: KEYS,
          runs: (KEYS / 10) * RUNS_PER_USER + 1,
          seedSeconds: round(seedSeconds, 1),
          path,
          bodyBytes: { heartbeat: BODIES.heartbeat.length, history: BODIES.history.length },
          responses: samples,
          recorded,
          ratiosPerRound: { heartbeat: perRound("heartbeat"), history: perRound("history") },
          measured,
          peakRssBytes: peak,
          profile: profileSummary,
        },
        notes: [
          `load generator: ${tool} in the bench process on the same 2-core machine (it takes one core, the server the other)`,
          "server CPU per request: the server process's user + system time (/proc/<pid>/stat) over a load run, divided by its requests; it moves far less than req/s when other programs share the cores",
          "Homebase: apps/api/src/server.ts (createApp, real SQLite file, real Redis) with LOG_LEVEL=warn, NODE_ENV=production",
          "raw baseline: Hono + @hono/node-server, by hand: parse the key, one indexed lookup by key ID, SHA-256 + timingSafeEqual, read and parse the body, one indexed UPDATE of the run's heartbeat and history count (children/raw-file-stream.ts)",
          "bare: a Hono route on the same path that answers {} without reading the body or credentials",
        ],
      };
    } finally {
      await Promise.allSettled([api.stop(), bare.stop(), raw.stop()]);
      await deletePrefix(prefix).catch(() => 0);
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
