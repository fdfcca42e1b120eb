import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAccount, readJson, startApi } from "../lib/api";
import { tail } from "../lib/proc";
import { benchPrefix, deletePrefix } from "../lib/redis";
import type { Bench, Row } from "../lib/report";
import { median, percentile, rng, round, sleep } from "../lib/stats";
import { startWorker } from "../lib/worker";

const OBJECTS_PER_SECOND = 1000;
const WRITE_EVERY_MS = 50;
const PER_WRITE = (OBJECTS_PER_SECOND * WRITE_EVERY_MS) / 1000;
const ROUND_SECONDS = 7;
const POLL_GAP_MS = 10;

interface Write {
  round: number;
  objects: number;
  sentAt: number;
  ackedAt: number;
  /** Usage once this write (and every earlier one) counts. */
  expected: number;
  seenAt?: number;
}

export const storageFreshness: Bench = {
  name: "storage-freshness",
  title: "storage-freshness: delay from a write to GET /entities/:entity/storage reflecting it, at 1,000 objects/s",
  async run({ rounds, keep, log }) {
    const dataDir = mkdtempSync(join(tmpdir(), "homebase-bench-freshness-"));
    const prefix = benchPrefix("storage-freshness");
    const api = await startApi({ dataDir, prefix, logLevel: "warn" });
    const worker = startWorker({ dataDir, prefix, publicUrl: api.origin });
    try {
      const account = await createAccount(api.origin);
      const auth = { authorization: `Bearer ${account.apiKey}` };
      const writeUrl = `${api.origin}/api/v1/storage/objects/batch`;
      const readUrl = `${api.origin}/api/v1/entities/${account.username}/storage`;
      const random = rng(42);
      let counter = 0;
      let total = 0;
      const write = async (count: number) => {
        const objects = Array.from({ length: count }, () => {
          const size = 1 + Math.floor(random() * 1_000_000);
          total += size;
          counter++;
          return { project: "fresh", kind: "run_file", path: `f/${counter}.bin`, size, digest: `fresh-${counter}` };
        });
        const expected = total;
        const sentAt = performance.now();
        const res = await fetch(writeUrl, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ objects }),
        });
        await readJson(res, "batch write");
        return { sentAt, ackedAt: performance.now(), expected, objects: count };
      };
      const usedBytes = async () => {
        const doc = await readJson(await fetch(readUrl, { headers: auth }), "read usage");
        return doc.usedBytes as number;
      };

      // The worker is ready once a first write shows up in the usage.
      const first = await write(PER_WRITE);
      const readyBy = Date.now() + 60_000;
      while ((await usedBytes()) < first.expected) {
        if (Date.now() > readyBy || worker.child.exitCode !== null) {
          throw new Error(`the worker never recalculated the usage\n${tail(worker.output())}`);
        }
        await sleep(100);
      }

      const writes: Write[] = [];
      let writing = true;
      const poller = (async () => {
        while (writing || writes.some((w) => w.seenAt === undefined)) {
          const u = await usedBytes();
          const now = performance.now();
          for (const w of writes) if (w.seenAt === undefined && w.expected <= u) w.seenAt = now;
          if (!writing && writes.every((w) => w.seenAt !== undefined)) break;
          if (!writing && now - writes.at(-1)!.ackedAt > 20_000) break;
          await sleep(POLL_GAP_MS);
        }
      })();
      // Writes go one after another, every WRITE_EVERY_MS, each carrying every object due by then,
      // so the rate stays at OBJECTS_PER_SECOND even when a write takes longer than the interval.
      const started = performance.now();
      let sent = 0;
      for (let r = 1; r <= rounds; r++) {
        const roundEnd = started + r * ROUND_SECONDS * 1000;
        for (;;) {
          const now = performance.now();
          if (now >= roundEnd) break;
          const due = Math.floor(((now - started) / 1000) * OBJECTS_PER_SECOND) - sent;
          if (due < PER_WRITE / 2) {
            await sleep(WRITE_EVERY_MS - ((now - started) % WRITE_EVERY_MS));
            continue;
          }
          const w = await write(Math.min(due, 1000));
          sent += w.objects;
          writes.push({ round: r, ...w });
        }
        log(`round ${r}: ${writes.filter((w) => w.round === r).length} writes, ${sent} objects so far`);
      }
      writing = false;
      await poller;
      const elapsed = (writes.at(-1)!.ackedAt - started) / 1000;
      const delays = (ws: Write[]) => ws.filter((w) => w.seenAt !== undefined).map((w) => w.seenAt! - w.sentAt);
      const perRound = Array.from({ length: rounds }, (_, i) => {
        const ws = writes.filter((w) => w.round === i + 1);
        return {
          round: i + 1,
          writes: ws.length,
          p50Ms: percentile(delays(ws), 50),
          p95Ms: percentile(delays(ws), 95),
          maxMs: Math.max(...delays(ws)),
          writeP95Ms: percentile(
            ws.map((w) => w.ackedAt - w.sentAt),
            95,
          ),
        };
      });
      for (const p of perRound) {
        log(
          `round ${p.round}: freshness p50 ${round(p.p50Ms, 0)} ms, p95 ${round(p.p95Ms, 0)} ms; write p95 ${round(p.writeP95Ms, 0)} ms`,
        );
      }
      const all = delays(writes);
      const unseen = writes.filter((w) => w.seenAt === undefined).length;
      const p95 = median(perRound.map((p) => p.p95Ms));
      const objectsPerSecond = sent / elapsed;
      const rows: Row[] = [
        {
          what: "write → usage reflects it, p95 (median of rounds)",
          unit: "ms",
          figure: p95,
          baseline: median(perRound.map((p) => p.writeP95Ms)),
          target: "< 2,000 ms",
          pass: p95 < 2000 && unseen === 0,
        },
        { what: "same, p95 over all samples", unit: "ms", figure: percentile(all, 95) },
        {
          what: "same, p50",
          unit: "ms",
          figure: percentile(all, 50),
          baseline: percentile(
            writes.map((w) => w.ackedAt - w.sentAt),
            50,
          ),
        },
        { what: "same, max", unit: "ms", figure: Math.max(...all) },
        { what: "objects reported per second", unit: "/s", figure: objectsPerSecond },
        { what: "writes never seen in the usage", unit: "", figure: unseen, target: "0", pass: unseen === 0 },
        { what: "peak RSS of the worker process (VmHWM)", unit: "MB", figure: (worker.peakRss() ?? Number.NaN) / 1e6 },
      ];
      return {
        rows,
        details: {
          objectsPerWrite: PER_WRITE,
          writeEveryMs: WRITE_EVERY_MS,
          roundSeconds: ROUND_SECONDS,
          pollGapMs: POLL_GAP_MS,
          perRound,
          samples: writes.length,
          objectsPerSecond,
          delaysMs: {
            p50: percentile(all, 50),
            p90: percentile(all, 90),
            p95: percentile(all, 95),
            p99: percentile(all, 99),
          },
          apiPeakRssBytes: api.proc.peakRss(),
          workerPeakRssBytes: worker.peakRss(),
        },
        notes: [
          "baseline column: the write's own round trip (p95), the floor if usage were computed synchronously",
          "the API debounces recalculations into 1 s windows per entity (STORAGE_DEBOUNCE_MS), so ~0.5 s of the delay is by design",
        ],
      };
    } finally {
      await Promise.allSettled([worker.stop(), api.stop()]);
      await deletePrefix(prefix).catch(() => 0);
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
