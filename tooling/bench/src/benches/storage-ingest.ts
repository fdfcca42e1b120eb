import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "@homebase/db";
import { createAccount, startApi } from "../lib/api";
import { ingestObjects } from "../lib/ingest-rows";
import { child } from "../lib/paths";
import { startNode } from "../lib/proc";
import { benchPrefix, deletePrefix } from "../lib/redis";
import { atLeast, type Bench, type Row } from "../lib/report";
import { median, percentile, round } from "../lib/stats";

const BATCH = 1000;
const CLIENTS = 4;
const ROWS_PER_ROUND = 200_000;

interface SubjectRun {
  seconds: number;
  latenciesMs: number[];
  failures: number;
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

export const storageIngest: Bench = {
  name: "storage-ingest",
  title: "storage-ingest: POST /api/v1/storage/objects/batch (1,000 a request, 4 clients) vs raw prepared inserts",
  async run({ rounds, keep, log }) {
    const dir = mkdtempSync(join(tmpdir(), "homebase-bench-ingest-"));
    const apiDir = join(dir, "api");
    const rawFile = join(dir, "raw", "homebase.sqlite");
    const prefix = benchPrefix("storage-ingest");
    const raw = startNode("raw-insert", child("raw-insert.ts"), { env: { DB_FILE: rawFile } });
    const api = await startApi({ dataDir: apiDir, prefix, logLevel: "warn" });
    try {
      const account = await createAccount(api.origin);
      const url = `${api.origin}/api/v1/storage/objects/batch`;
      // Warm both paths with a few batches that are not measured.
      const warm = ingestObjects(10_000_000, 5 * BATCH);
      await postBatches(
        url,
        account.apiKey,
        Array.from({ length: 5 }, (_, i) =>
          JSON.stringify({ objects: warm.slice(i * BATCH, (i + 1) * BATCH).map((o) => ({ project: "ingest", ...o })) }),
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
          const s = await postBatches(url, account.apiKey, bodies);
          subjects.push(s);
          log(
            `round ${r} HTTP batches ${round(ROWS_PER_ROUND / s.seconds, 0)} rows/s (${round(s.seconds, 2)} s, ` +
              `p50 ${round(percentile(s.latenciesMs, 50), 1)} ms, p99 ${round(percentile(s.latenciesMs, 99), 1)} ms, ${s.failures} failed)`,
          );
        };
        if (r % 2 === 1) {
          await runBaseline();
          await runSubject();
        } else {
          await runSubject();
          await runBaseline();
        }
      }
      const apiPeakRss = api.proc.peakRss();
      const db = openDb({ file: join(apiDir, "homebase.sqlite"), readonly: true, migrate: false });
      const stored = db.$client.prepare("select count(*) from storage_objects").pluck().get() as number;
      db.$client.close();
      const expected = rounds * ROWS_PER_ROUND + 5 * BATCH;
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
          latencyMs: { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99) },
          stored,
          expected,
          failures,
          apiPeakRssBytes: apiPeakRss,
        },
        notes: [
          "subject: the real API process (LOG_LEVEL=warn) with a real Redis; every batch also marks the entity stale and enqueues its debounced recalculation (no worker runs here)",
          "baseline: one prepared single-row INSERT, 1,000 rows a transaction, in its own process on a database opened with openDb",
        ],
      };
    } finally {
      await Promise.allSettled([api.stop(), raw.stop()]);
      await deletePrefix(prefix).catch(() => 0);
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
  },
};
