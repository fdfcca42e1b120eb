import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RecalcWorkerRun } from "../children/recalc-worker";
import { child, REDIS_URL, REPO_ROOT } from "../lib/paths";
import { startNode } from "../lib/proc";
import { printProfile, summarizeProfile } from "../lib/profile";
import { benchPrefix, deletePrefix } from "../lib/redis";
import type { Bench, Row } from "../lib/report";
import { alternate, median, round } from "../lib/stats";
import { generateStorage } from "../lib/storage-data";
import { recalcRows, recalcRunLine } from "../lib/worker";

const PROFILE_FRAMES = [
  "recalculateStorage",
  "recalculateInTx",
  "computeUsage",
  "quotaOf",
  "listEntityIds",
  "enqueueDeliveries",
  "updateProgress",
  "drizzle-orm",
  "better-sqlite3",
];

const BASELINE_SQL =
  "SELECT entity_id, SUM(size) FROM (SELECT DISTINCT entity_id, digest, size FROM storage_objects) GROUP BY entity_id";
const INDEX_ORDER_SQL =
  "SELECT entity_id, SUM(size) FROM (SELECT entity_id, MIN(id), size FROM storage_objects GROUP BY entity_id, digest) GROUP BY entity_id";

/** The per-entity statement of computeUsage, read from packages/db so the plan checked is the one that runs. */
function breakdownSql(): string | undefined {
  const source = readFileSync(join(REPO_ROOT, "packages/db/src/queries/storage.ts"), "utf8");
  return /const BREAKDOWN_SQL = `([^`]+)`/.exec(source)?.[1]?.replace(/\s+/g, " ").trim();
}

function fileBytes(file: string): number {
  return [file, `${file}-wal`, `${file}-shm`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);
}

interface SqlRun {
  seconds: number;
  entities: number;
  usedBytes: number;
}

export const storageRecalc: Bench = {
  name: "storage-recalc",
  title: "storage-recalc: the worker's full recalculation vs one raw SQL aggregate",
  async run({ rounds, objects: requested, keep, profile, log }) {
    const objects = requested ?? 10_000_000;
    const dir = mkdtempSync(join(tmpdir(), "homebase-bench-recalc-"));
    const file = join(dir, "homebase.sqlite");
    const prefix = benchPrefix("storage-recalc");
    log(`generating ${objects.toLocaleString("en-US")} objects into ${file}`);
    const generated = generateStorage(file, objects, log);
    const dbBytes = fileBytes(file);
    log(
      `generated in ${round(generated.seconds.total, 1)} s (rows ${round(generated.seconds.rows, 1)} s, index ${round(generated.seconds.index, 1)} s); ` +
        `${generated.entities} entities, largest ${generated.largestEntityObjects} objects; file ${round(dbBytes / 1e9, 2)} GB`,
    );

    const sql = startNode("sql-baseline", child("sql-baseline.ts"), { env: { DB_FILE: file } });
    const profileDir = profile ? mkdtempSync(join(tmpdir(), "homebase-bench-prof-")) : undefined;
    const worker = startNode("recalc-worker", child("recalc-worker.ts"), {
      nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
      env: {
        DB_FILE: file,
        DATABASE_URL: undefined,
        DATA_DIR: dir,
        QUEUE_PREFIX: prefix,
        REDIS_URL,
        LOG_LEVEL: "warn",
      },
    });
    try {
      await worker.call("ready", undefined, 60_000);
      const perEntity = breakdownSql();
      const plans = {
        baseline: await sql.call<string[]>("explain", { sql: BASELINE_SQL }),
        indexOrder: await sql.call<string[]>("explain", { sql: INDEX_ORDER_SQL }),
        perEntity: perEntity ? await sql.call<string[]>("explain", { sql: perEntity }) : ["(BREAKDOWN_SQL not found)"],
      };
      const pragmas = await sql.call("pragmas");
      for (const [what, plan] of Object.entries(plans)) log(`plan ${what}: ${plan.join(" | ")}`);
      const covering = plans.perEntity.some((d) => /USING COVERING INDEX storage_objects_usage/.test(d));

      const baselines: SqlRun[] = [];
      const indexOrder: SqlRun[] = [];
      const subjects: RecalcWorkerRun[] = [];
      for (let r = 1; r <= rounds; r++) {
        const runBaseline = async () => {
          const b = await sql.call<SqlRun>("run", { variant: "baseline" });
          baselines.push(b);
          log(`round ${r} baseline SQL      ${round(b.seconds, 2)} s`);
          const i = await sql.call<SqlRun>("run", { variant: "index-order" });
          indexOrder.push(i);
          log(`round ${r} index-order SQL   ${round(i.seconds, 2)} s`);
        };
        const runSubject = async () => {
          const s = await worker.call<RecalcWorkerRun>("run");
          subjects.push(s);
          log(recalcRunLine(r, s));
        };
        await alternate(r, runBaseline, runSubject);
      }
      const workerPeakRss = worker.peakRss();
      const sqlPeakRss = sql.peakRss();
      const base = median(baselines.map((b) => b.seconds));
      const alt = median(indexOrder.map((b) => b.seconds));
      const subject = median(subjects.map((s) => s.seconds));
      const last = subjects.at(-1)!;
      const sumsAgree =
        baselines.every((b) => b.usedBytes === generated.expectedUsedBytes) &&
        subjects.every((s) => s.usedBytes.s === generated.expectedUsedBytes);
      const rows: Row[] = [
        ...recalcRows(
          subjects,
          base,
          `${generated.entities.toLocaleString("en-US")} entities / ${objects.toLocaleString("en-US")} objects`,
        ),
        {
          what: "raw SQL in index order (MIN(id) … GROUP BY entity_id, digest)",
          unit: "s",
          figure: alt,
          baseline: base,
          ratio: alt / base,
        },
        { what: "entities recalculated per second", unit: "/s", figure: generated.entities / subject },
        {
          what: "per-entity query uses the covering index storage_objects_usage",
          unit: "",
          figure: covering ? 1 : 0,
          target: "yes (1)",
          pass: covering,
        },
        {
          what: "usage sums: worker = SQL = generated (deduplicated)",
          unit: "",
          figure: sumsAgree ? 1 : 0,
          target: "equal (1)",
          pass: sumsAgree,
        },
        { what: "database file size (with WAL)", unit: "GB", figure: dbBytes / 1e9 },
        {
          what: "peak RSS of the worker process (VmHWM)",
          unit: "MB",
          figure: (workerPeakRss ?? Number.NaN) / 1e6,
          baseline: (sqlPeakRss ?? Number.NaN) / 1e6,
        },
        { what: "generating the data (rows + index)", unit: "s", figure: generated.seconds.total },
      ];
      return {
        rows,
        details: {
          generated,
          dbFile: file,
          dbBytes,
          dbBytesAfter: fileBytes(file),
          plans,
          pragmas,
          baselineSql: BASELINE_SQL,
          indexOrderSql: INDEX_ORDER_SQL,
          perEntitySql: perEntity,
          baselines,
          indexOrder,
          subjects,
          storedRows: last.usedBytes.n,
          workerPeakRssBytes: workerPeakRss,
          sqlPeakRssBytes: sqlPeakRss,
        },
        notes: [
          "subject: recalculate-all-storage through createWorkerRuntime (real processors, real Redis, schedules off), timed from enqueue to completion",
          "baseline and worker use the connection settings of openDb (WAL, synchronous NORMAL, default cache, no mmap)",
        ],
      };
    } finally {
      await worker.call("close", undefined, 60_000).catch(() => undefined);
      await Promise.allSettled([worker.stop(), sql.stop()]);
      if (profileDir) printProfile(summarizeProfile(profileDir, PROFILE_FRAMES, { top: 40 }), log);
      await deletePrefix(prefix).catch(() => 0);
      if (!keep) rmSync(dir, { recursive: true, force: true });
      else log(`kept ${dir}`);
    }
  },
};
