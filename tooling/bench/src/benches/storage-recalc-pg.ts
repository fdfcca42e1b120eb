import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RecalcWorkerRun } from "../children/recalc-worker";
import { child, REDIS_URL } from "../lib/paths";
import { freshPgDatabase, openPg, POOL_SIZE, pgSettings, redact } from "../lib/pg";
import { startNode } from "../lib/proc";
import { printProfile, summarizeProfile } from "../lib/profile";
import { BREAKDOWN_ALL_SQL, DISTINCT_SQL } from "../lib/recalc-sql-pg";
import { benchPrefix, deletePrefix } from "../lib/redis";
import type { Bench, Row } from "../lib/report";
import { alternate, median, round } from "../lib/stats";
import { generateStoragePg } from "../lib/storage-data-pg";
import { recalcRows, recalcRunLine } from "../lib/worker";

const PROFILE_FRAMES = [
  "recalculateStorage",
  "recalculateBatchPg",
  "computeUsage",
  "listEntityIds",
  "enqueueDeliveries",
  "updateProgress",
  "drizzle-orm",
  "pg",
  "pg-protocol",
];

interface SqlRun {
  seconds: number;
  entities: number;
  usedBytes: number;
}
type Variant = "breakdown" | "distinct" | "per-entity";

export const storageRecalcPg: Bench = {
  name: "storage-recalc-pg",
  dialect: "postgres",
  title: "storage-recalc-pg: the worker's full recalculation on PostgreSQL vs one raw SQL aggregate through pg",
  async run({ rounds, objects: requested, keep, profile, log }) {
    const objects = requested ?? 10_000_000;
    const database = await freshPgDatabase();
    const dir = mkdtempSync(join(tmpdir(), "homebase-bench-recalc-pg-"));
    const prefix = benchPrefix("storage-recalc-pg");
    let sql: ReturnType<typeof startNode> | undefined;
    let worker: ReturnType<typeof startNode> | undefined;
    let profileDir: string | undefined;
    try {
      log(`generating ${objects.toLocaleString("en-US")} objects into ${redact(database.url)}`);
      const loader = await openPg(database.url, { poolSize: 1 });
      const settings = await pgSettings(loader.pool);
      const generated = await generateStoragePg(loader.pool, objects, log).finally(() => loader.close());
      log(
        `generated in ${round(generated.seconds.total, 1)} s (rows ${round(generated.seconds.rows, 1)} s, ` +
          `index ${round(generated.seconds.index, 1)} s, vacuum ${round(generated.seconds.vacuum, 1)} s); ` +
          `${generated.entities} entities, largest ${generated.largestEntityObjects} objects`,
      );

      sql = startNode("pg-sql-baseline", child("pg-sql-baseline.ts"), { env: { DATABASE_URL: database.url } });
      profileDir = profile ? mkdtempSync(join(tmpdir(), "homebase-bench-prof-")) : undefined;
      worker = startNode("recalc-worker", child("recalc-worker.ts"), {
        nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
        env: {
          DATABASE_URL: database.url,
          DATABASE_POOL_SIZE: String(POOL_SIZE),
          DATA_DIR: dir,
          QUEUE_PREFIX: prefix,
          REDIS_URL,
          LOG_LEVEL: "warn",
        },
      });
      await worker.call("ready", undefined, 120_000);
      const sizes = await sql.call<{ tableBytes: number; indexBytes: number; databaseBytes: number }>("sizes");
      const perEntitySql = await sql.call<string | undefined>("perEntitySql");
      const plans = {
        breakdown: await sql.call<string[]>("explain", { sql: BREAKDOWN_ALL_SQL }),
        distinct: await sql.call<string[]>("explain", { sql: DISTINCT_SQL }),
        perEntity: perEntitySql
          ? await sql.call<string[]>("explain", { sql: perEntitySql, analyze: true })
          : ["(breakdownPg not found)"],
      };
      for (const [what, plan] of Object.entries(plans)) log(`plan ${what}: ${plan.map((l) => l.trim()).join(" | ")}`);
      const covering = plans.perEntity.some((l) => /Index Only Scan using storage_objects_usage/.test(l));

      const runs: Record<Variant, SqlRun[]> = { breakdown: [], distinct: [], "per-entity": [] };
      const subjects: RecalcWorkerRun[] = [];
      for (let r = 1; r <= rounds; r++) {
        const runBaselines = async () => {
          // BASELINES.md's statement hashes every row (minutes at 10 M with the default work_mem): once.
          for (const variant of ["breakdown", ...(r === 1 ? ["distinct" as const] : []), "per-entity"] as const) {
            const b = await sql!.call<SqlRun>("run", { variant });
            runs[variant].push(b);
            log(`round ${r} ${`${variant} SQL`.padEnd(18)} ${round(b.seconds, 2)} s`);
          }
        };
        const runSubject = async () => {
          const s = await worker!.call<RecalcWorkerRun>("run");
          subjects.push(s);
          log(recalcRunLine(r, s));
        };
        await alternate(r, runBaselines, runSubject);
      }
      const workerPeakRss = worker.peakRss();
      const sqlPeakRss = sql.peakRss();
      const seconds = (variant: Variant) => median(runs[variant].map((b) => b.seconds));
      const base = seconds("breakdown");
      const subject = median(subjects.map((s) => s.seconds));
      const sumsAgree =
        Object.values(runs).every((list) => list.every((b) => b.usedBytes === generated.expectedUsedBytes)) &&
        subjects.every((s) => s.usedBytes.s === generated.expectedUsedBytes);
      const entitiesLabel = `${generated.entities.toLocaleString("en-US")} entities / ${objects.toLocaleString("en-US")} objects`;
      const rows: Row[] = [
        ...recalcRows(subjects, base, entitiesLabel),
        {
          what: "raw SQL, BASELINES.md's SELECT DISTINCT entity_id, digest, size (round 1 only)",
          unit: "s",
          figure: seconds("distinct"),
          baseline: base,
          ratio: seconds("distinct") / base,
        },
        {
          what: "raw SQL, breakdownPg once per entity (prepared, one connection)",
          unit: "s",
          figure: seconds("per-entity"),
          baseline: base,
          ratio: seconds("per-entity") / base,
        },
        {
          what: "worker vs breakdownPg once per entity",
          unit: "s",
          figure: subject,
          baseline: seconds("per-entity"),
          ratio: subject / seconds("per-entity"),
        },
        { what: "entities recalculated per second", unit: "/s", figure: generated.entities / subject },
        {
          what: "per-entity query: Index Only Scan using storage_objects_usage",
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
        {
          what: "storage_objects table + covering index",
          unit: "GB",
          figure: (sizes.tableBytes + sizes.indexBytes) / 1e9,
        },
        {
          what: "peak RSS of the worker process (VmHWM)",
          unit: "MB",
          figure: (workerPeakRss ?? Number.NaN) / 1e6,
          baseline: (sqlPeakRss ?? Number.NaN) / 1e6,
        },
        { what: "generating the data (rows + index + vacuum)", unit: "s", figure: generated.seconds.total },
      ];
      return {
        rows,
        details: {
          generated,
          database: database.name,
          poolSize: POOL_SIZE,
          settings,
          sizes,
          plans,
          breakdownAllSql: BREAKDOWN_ALL_SQL,
          distinctSql: DISTINCT_SQL,
          perEntitySql,
          baselines: runs,
          subjects,
          storedRows: subjects.at(-1)?.usedBytes.n,
          workerPeakRssBytes: workerPeakRss,
          sqlPeakRssBytes: sqlPeakRss,
        },
        notes: [
          `subject: recalculate-all-storage through createWorkerRuntime on PostgreSQL (openDatabase, pool of ${POOL_SIZE}; real processors, real Redis, schedules off), timed from enqueue to completion`,
          "baseline: one statement through pg, breakdownPg's DISTINCT ON (digest) … ORDER BY digest, id over all entities (sums by entity, kind and project), on a fresh database generated server-side (INSERT … SELECT generate_series), covering index built after the rows, then VACUUM ANALYZE",
          `server: PostgreSQL ${settings.server_version}, shared_buffers ${settings.shared_buffers}, work_mem ${settings.work_mem}, jit ${settings.jit}, parallel workers per gather ${settings.max_parallel_workers_per_gather} (its own configuration, unchanged)`,
        ],
      };
    } finally {
      await worker?.call("close", undefined, 60_000).catch(() => undefined);
      await sql?.call("close", undefined, 10_000).catch(() => undefined);
      await Promise.allSettled([worker?.stop(), sql?.stop()]);
      if (profileDir) {
        printProfile(summarizeProfile(profileDir, PROFILE_FRAMES, { top: 40 }), log);
        rmSync(profileDir, { recursive: true, force: true });
      }
      await deletePrefix(prefix).catch(() => 0);
      rmSync(dir, { recursive: true, force: true });
      if (!keep) await database.drop();
      else log(`kept database ${database.name}`);
    }
  },
};
