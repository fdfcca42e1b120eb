import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "@homebase/db";
import { createAccount, startApi } from "../lib/api";
import { ingestObjects } from "../lib/ingest-rows";
import { child } from "../lib/paths";
import { freshPgDatabase, openPg, POOL_SIZE } from "../lib/pg";
import { type NodeProcess, startNode } from "../lib/proc";
import { type ProfileSummary, printProfile, summarizeProfile } from "../lib/profile";
import { benchPrefix, deletePrefix } from "../lib/redis";
import { atLeast, type Bench, type BenchDb, type Row } from "../lib/report";
import { alternate, median, percentile, round } from "../lib/stats";

/** Frames whose inclusive time tells where a batch's time goes (--profile). */
const HOT_PATH = [
  "insertStorageObjects",
  "markStale",
  "enqueue",
  "parse",
  "safeParse",
  "zod",
  "drizzle-orm",
  "better-sqlite3",
  "pg",
  "pg-protocol",
  "@hono/node-server",
];

const BATCH = 1000;
const CLIENTS = 4;
const ROWS_PER_ROUND = 200_000;

interface SubjectRun {
  seconds: number;
  latenciesMs: number[];
  failures: number;
  /** CPU time of the API process during the run (PostgreSQL entry only). */
  apiCpuMs?: number;
}

/** POSTs the round's batches over HTTP, CLIENTS requests at a time, each client taking the next batch. */
async function postBatches(url: string, apiKey: string, bodies: string[]): Promise<SubjectRun> {
  let next = 0;
  let failures = 0;
  const latenciesMs: number[] = [];
  const client = async () => {
    for (let i = next++; i < bodies.length; i = next++) {
      const started = performance.now();
      const res = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: bodies[i]!,
      });
      await res.arrayBuffer();
      latenciesMs.push(performance.now() - started);
      if (res.status !== 201) failures++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { seconds: (performance.now() - started) / 1000, latenciesMs, failures };
}

/** Where the API and the raw baseline store their rows, and how the stored rows are counted. */
interface IngestTarget {
  apiEnv: Record<string, string | undefined>;
  raw: NodeProcess;
  countStored: () => Promise<number>;
  setup: Record<string, unknown>;
  cleanup: () => Promise<void>;
}

/** SQLite: a file in the API's DATA_DIR, and the raw inserts' own file (prepared single-row INSERTs). */
function sqliteTarget(dir: string): IngestTarget {
  const apiDir = join(dir, "api");
  const rawFile = join(dir, "raw", "homebase.sqlite");
  return {
    apiEnv: {},
    raw: startNode("raw-insert", child("raw-insert.ts"), { env: { DB_FILE: rawFile } }),
    countStored: async () => {
      const db = openDb({ file: join(apiDir, "homebase.sqlite"), readonly: true, migrate: false });
      const stored = db.$client.prepare("select count(*) from storage_objects").pluck().get() as number;
      db.$client.close();
      return stored;
    },
    setup: {},
    cleanup: async () => {},
  };
}

/** PostgreSQL: a fresh database for the API and another for the raw inserts (multi-row, through pg). */
async function postgresTarget(): Promise<IngestTarget> {
  const api = await freshPgDatabase();
  const raw = await freshPgDatabase().catch(async (error) => {
    await api.drop();
    throw error;
  });
  return {
    apiEnv: { DATABASE_URL: api.url, DATABASE_POOL_SIZE: String(POOL_SIZE) },
    raw: startNode("raw-insert-pg", child("raw-insert-pg.ts"), {
      env: { DATABASE_URL: raw.url, CLIENTS: String(CLIENTS) },
    }),
    countStored: async () => {
      const pg = await openPg(api.url, { poolSize: 1, migrate: false });
      try {
        const { rows } = await pg.pool.query<{ n: string }>("select count(*) as n from storage_objects");
        return Number(rows[0]!.n);
      } finally {
        await pg.close();
      }
    },
    setup: { poolSize: POOL_SIZE, databases: [api.name, raw.name] },
    cleanup: async () => {
      await Promise.allSettled([api.drop(), raw.drop()]);
    },
  };
}

function storageIngestBench(dialect: BenchDb): Bench {
  const pg = dialect === "postgres";
  return {
    name: pg ? "storage-ingest-pg" : "storage-ingest",
    dialect,
    title: pg
      ? "storage-ingest-pg: POST /api/v1/storage/objects/batch on PostgreSQL (1,000 a request, 4 clients) vs raw multi-row INSERTs through pg (4 connections)"
      : "storage-ingest: POST /api/v1/storage/objects/batch (1,000 a request, 4 clients) vs raw prepared inserts",
    async run({ rounds, keep, profile, log }) {
      const dir = mkdtempSync(join(tmpdir(), "homebase-bench-ingest-"));
      const apiDir = join(dir, "api");
      const prefix = benchPrefix(pg ? "storage-ingest-pg" : "storage-ingest");
      const target = pg ? await postgresTarget() : sqliteTarget(dir);
      const raw = target.raw;
      const api = await startApi({ dataDir: apiDir, prefix, logLevel: "warn", env: target.apiEnv }).catch(
        async (error) => {
          await raw.stop();
          await target.cleanup();
          throw error;
        },
      );
      try {
        const account = await createAccount(api.origin);
        const url = `${api.origin}/api/v1/storage/objects/batch`;
        // Warm both paths with a few batches that are not measured.
        const warm = ingestObjects(10_000_000, 5 * BATCH);
        await postBatches(
          url,
          account.apiKey,
          Array.from({ length: 5 }, (_, i) =>
            JSON.stringify({
              objects: warm.slice(i * BATCH, (i + 1) * BATCH).map((o) => ({ project: "ingest", ...o })),
            }),
          ),
        );
        await raw.call("run", { offset: 10_000_000, count: 5 * BATCH, batch: BATCH });

        const baselines: number[] = [];
        const subjects: SubjectRun[] = [];
        for (let r = 1; r <= rounds; r++) {
          const offset = (r - 1) * ROWS_PER_ROUND;
          const runBaseline = async () => {
            const { seconds } = await raw.call<{ seconds: number }>("run", {
              offset,
              count: ROWS_PER_ROUND,
              batch: BATCH,
            });
            baselines.push(ROWS_PER_ROUND / seconds);
            log(`round ${r} raw inserts  ${round(ROWS_PER_ROUND / seconds, 0)} rows/s (${round(seconds, 2)} s)`);
          };
          const runSubject = async () => {
            const bodies: string[] = [];
            for (let i = 0; i < ROWS_PER_ROUND; i += BATCH) {
              const objects = ingestObjects(offset + i, BATCH).map((o) => ({ project: "ingest", ...o }));
              bodies.push(JSON.stringify({ objects }));
            }
            const cpuBefore = pg ? api.proc.cpuMs() : undefined;
            const s = await postBatches(url, account.apiKey, bodies);
            const cpuAfter = pg ? api.proc.cpuMs() : undefined;
            if (cpuBefore !== undefined && cpuAfter !== undefined) s.apiCpuMs = cpuAfter - cpuBefore;
            subjects.push(s);
            log(
              `round ${r} HTTP batches ${round(ROWS_PER_ROUND / s.seconds, 0)} rows/s (${round(s.seconds, 2)} s, ` +
                `p50 ${round(percentile(s.latenciesMs, 50), 1)} ms, p99 ${round(percentile(s.latenciesMs, 99), 1)} ms, ${s.failures} failed)`,
            );
          };
          await alternate(r, runBaseline, runSubject);
        }
        const apiPeakRss = api.proc.peakRss();
        let profileSummary: ProfileSummary | undefined;
        if (profile) {
          // One more round through a second API on the same data, under node --cpu-prof.
          const profDir = mkdtempSync(join(tmpdir(), "homebase-bench-prof-"));
          const profiled = await startApi({
            dataDir: apiDir,
            prefix,
            logLevel: "warn",
            env: target.apiEnv,
            nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profDir}`],
          });
          const offset = rounds * ROWS_PER_ROUND;
          const bodies = Array.from({ length: ROWS_PER_ROUND / BATCH }, (_, i) =>
            JSON.stringify({
              objects: ingestObjects(offset + i * BATCH, BATCH).map((o) => ({ project: "ingest", ...o })),
            }),
          );
          const started = performance.now();
          const s = await postBatches(`${profiled.origin}/api/v1/storage/objects/batch`, account.apiKey, bodies);
          await profiled.stop();
          log(`profiled round: ${round(ROWS_PER_ROUND / s.seconds, 0)} rows/s (profiler on), ${s.failures} failed`);
          const frames = HOT_PATH.filter((f) => (pg ? f !== "better-sqlite3" : !f.startsWith("pg")));
          profileSummary = summarizeProfile(profDir, frames, { windowMs: performance.now() - started });
          printProfile(profileSummary, log);
          rmSync(profDir, { recursive: true, force: true });
        }
        const stored = await target.countStored();
        const expected = (rounds + (profile ? 1 : 0)) * ROWS_PER_ROUND + 5 * BATCH;
        const base = median(baselines);
        const subjectRates = subjects.map((s) => ROWS_PER_ROUND / s.seconds);
        const subject = median(subjectRates);
        const latencies = subjects.flatMap((s) => s.latenciesMs);
        const failures = subjects.reduce((n, s) => n + s.failures, 0);
        const rows: Row[] = [
          {
            what: "objects stored per second over HTTP",
            unit: "rows/s",
            figure: subject,
            baseline: base,
            ratio: subject / base,
            target: "ratio ≥ 0.3",
            pass: atLeast(subject / base, 0.3),
          },
          { what: "batch request latency p50 (1,000 objects)", unit: "ms", figure: percentile(latencies, 50) },
          { what: "batch request latency p99", unit: "ms", figure: percentile(latencies, 99) },
          {
            what: "rows stored = rows sent, no failed request",
            unit: "",
            figure: stored === expected && failures === 0 ? 1 : 0,
            target: "yes (1)",
            pass: stored === expected && failures === 0,
          },
          { what: "peak RSS of the API process (VmHWM)", unit: "MB", figure: (apiPeakRss ?? Number.NaN) / 1e6 },
          ...(pg
            ? [
                {
                  what: "API process CPU time per 1,000 objects",
                  unit: "ms",
                  figure: median(subjects.map((s) => ((s.apiCpuMs ?? Number.NaN) / ROWS_PER_ROUND) * 1000)),
                },
              ]
            : []),
        ];
        return {
          rows,
          details: {
            rowsPerRound: ROWS_PER_ROUND,
            batch: BATCH,
            clients: CLIENTS,
            baselineRowsPerSecond: baselines,
            subjectRowsPerSecond: subjectRates,
            subjectSeconds: subjects.map((s) => s.seconds),
            latencyMs: {
              p50: percentile(latencies, 50),
              p90: percentile(latencies, 90),
              p99: percentile(latencies, 99),
            },
            stored,
            expected,
            failures,
            apiPeakRssBytes: apiPeakRss,
            profile: profileSummary,
            ...target.setup,
          },
          notes: pg
            ? [
                `subject: the real API process (LOG_LEVEL=warn) on PostgreSQL (DATABASE_URL, pool of ${POOL_SIZE}) with a real Redis; every batch also marks the entity stale and enqueues its debounced recalculation (no worker runs here)`,
                `baseline: raw multi-row INSERTs through pg (1,000 rows a statement, prepared, each in BEGIN … COMMIT), ${CLIENTS} connections at a time, in its own process on another fresh database migrated by openDatabase`,
              ]
            : [
                "subject: the real API process (LOG_LEVEL=warn) with a real Redis; every batch also marks the entity stale and enqueues its debounced recalculation (no worker runs here)",
                "baseline: one prepared single-row INSERT, 1,000 rows a transaction, in its own process on a database opened with openDb",
              ],
        };
      } finally {
        if (pg) await raw.call("close", undefined, 10_000).catch(() => undefined);
        await Promise.allSettled([api.stop(), raw.stop()]);
        await deletePrefix(prefix).catch(() => 0);
        if (!keep) {
          rmSync(dir, { recursive: true, force: true });
          await target.cleanup();
        } else log(`kept ${dir}${pg ? ` and databases ${JSON.stringify(target.setup.databases)}` : ""}`);
      }
    },
  };
}

export const storageIngest = storageIngestBench("sqlite");
export const storageIngestPg = storageIngestBench("postgres");
