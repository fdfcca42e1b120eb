/**
 * npm run bench                 every benchmark, in order: the seven on SQLite, then the three
 *                               PostgreSQL entries (http-auth-pg, storage-recalc-pg, storage-ingest-pg)
 * npm run bench -- <name> …     some of them
 * npm run bench -- --db postgres [<name> …]   only PostgreSQL entries (a name without -pg means its
 *                               PostgreSQL entry); --db sqlite: only the SQLite ones (the suite as before)
 * The PostgreSQL entries create a fresh database for each run on HOMEBASE_TEST_PG_URL's server
 * (default postgres://postgres@127.0.0.1:5432/postgres) and drop it at the end.
 * Options: --rounds N (alternations, ≥ 3), --objects N (storage-recalc, storage-recalc-pg; or BENCH_OBJECTS),
 *          --duration S (seconds per load run: http-auth, file-stream),
 *          --tool wrk|autocannon (http-auth, file-stream), --deliveries N (alerts-throughput),
 *          --keep (keep temporary databases and builds), --profile (CPU profile of the subject),
 *          --strict (exit 1 when a target is missed), --list, --help.
 * Each prints its table and writes bench-results/<name>.json at the repository root.
 */
import { loadavg } from "node:os";
import { alertsThroughput } from "./benches/alerts-throughput";
import { fileStream } from "./benches/file-stream";
import { httpAuth, httpAuthPg } from "./benches/http-auth";
import { storageFreshness } from "./benches/storage-freshness";
import { storageIngest, storageIngestPg } from "./benches/storage-ingest";
import { storageRecalc } from "./benches/storage-recalc";
import { storageRecalcPg } from "./benches/storage-recalc-pg";
import { webWeight } from "./benches/web-weight";
import { redisAnswers } from "./lib/redis";
import {
  type Bench,
  type BenchDb,
  type BenchOptions,
  type BenchRecord,
  machine,
  printTable,
  writeRecord,
} from "./lib/report";
import { round } from "./lib/stats";

const BENCHES: readonly Bench[] = [
  httpAuth,
  fileStream,
  storageRecalc,
  storageIngest,
  storageFreshness,
  alertsThroughput,
  webWeight,
  // PostgreSQL, after the SQLite suite (whose figures stay comparable with earlier runs).
  httpAuthPg,
  storageRecalcPg,
  storageIngestPg,
];

const dialectOf = (b: Bench): BenchDb => b.dialect ?? "sqlite";

const USAGE = `npm run bench [-- [<name> …] [options]]

Without names: every benchmark — the seven on SQLite, then the three on PostgreSQL
(http-auth-pg, storage-recalc-pg, storage-ingest-pg). --list names them.

  --db sqlite|postgres  only the entries of that database; with postgres, a name without -pg
                        means its PostgreSQL entry (storage-recalc → storage-recalc-pg)
  --rounds N            alternations of subject and baseline (at least 3)
  --objects N           storage-recalc(-pg) objects (default 10,000,000; or BENCH_OBJECTS)
  --duration S          seconds per load run (http-auth(-pg), file-stream; default 10)
  --tool wrk|autocannon load generator (default: wrk when installed)
  --deliveries N        alerts-throughput deliveries a round (default 10,000)
  --keep                keep temporary files and PostgreSQL databases
  --profile             also profile the subject (node --cpu-prof) and summarize it
  --strict              exit 1 when a target is missed

Needs Redis on REDIS_URL (default redis://127.0.0.1:6379). The PostgreSQL entries create a fresh
database per run on HOMEBASE_TEST_PG_URL's server (default postgres://postgres@127.0.0.1:5432/postgres)
and drop it at the end. Results: bench-results/<name>.json; see docs/performance.md.`;

function parseArgs(argv: string[]) {
  const names: string[] = [];
  const options: Omit<BenchOptions, "log"> & { strict: boolean; list: boolean; help: boolean; db?: BenchDb } = {
    rounds: 3,
    keep: false,
    profile: false,
    strict: false,
    list: false,
    help: false,
  };
  const number = (flag: string, value: string | undefined) => {
    const n = Number(value?.replace(/_/g, ""));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") continue;
    const [flag, inline] = arg.startsWith("--")
      ? (arg.split("=", 2) as [string, string | undefined])
      : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--rounds") options.rounds = Math.max(3, Math.floor(number(flag, value())));
    else if (flag === "--objects") options.objects = Math.floor(number(flag, value()));
    else if (flag === "--duration") options.duration = number(flag, value());
    else if (flag === "--tool") {
      const tool = value();
      if (tool !== "wrk" && tool !== "autocannon") throw new Error("--tool is wrk or autocannon");
      options.tool = tool;
    } else if (flag === "--deliveries") options.deliveries = Math.floor(number(flag, value()));
    else if (flag === "--db") {
      const db = value();
      if (db !== "sqlite" && db !== "postgres") throw new Error("--db is sqlite or postgres");
      options.db = db;
    } else if (flag === "--keep") options.keep = true;
    else if (flag === "--profile") options.profile = true;
    else if (flag === "--strict") options.strict = true;
    else if (flag === "--list") options.list = true;
    else if (flag === "--help" || flag === "-h") options.help = true;
    else if (flag.startsWith("--")) throw new Error(`unknown option ${flag}`);
    else names.push(arg);
  }
  if (process.env.BENCH_OBJECTS && options.objects === undefined) {
    options.objects = Math.floor(number("BENCH_OBJECTS", process.env.BENCH_OBJECTS));
  }
  return { names, options };
}

/**
 * The benchmarks to run: by name, or all; `--db` keeps those of one database, and with
 * `--db postgres` a SQLite entry's name means its PostgreSQL entry (storage-recalc → storage-recalc-pg).
 */
function select(names: string[], db: BenchDb | undefined): Bench[] | string {
  const byName = (name: string) => {
    const exact = BENCHES.find((b) => b.name === name);
    if (!db || (exact && dialectOf(exact) === db)) return exact;
    if (db === "postgres") return BENCHES.find((b) => b.name === `${name}-pg` && dialectOf(b) === "postgres");
    return BENCHES.find((b) => b.name === name.replace(/-pg$/, "") && dialectOf(b) === "sqlite");
  };
  const missing = names.filter((n) => !byName(n));
  if (missing.length > 0) {
    const known = BENCHES.filter((b) => !db || dialectOf(b) === db).map((b) => b.name);
    return `unknown benchmark(s)${db ? ` on ${db}` : ""}: ${missing.join(", ")}; known: ${known.join(", ")}`;
  }
  if (names.length === 0) return BENCHES.filter((b) => !db || dialectOf(b) === db);
  const wanted = new Set(names.map(byName));
  return BENCHES.filter((b) => wanted.has(b));
}

async function main() {
  const { names, options } = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.list) {
    for (const b of BENCHES) {
      if (!options.db || dialectOf(b) === options.db)
        console.log(`${b.name.padEnd(20)} ${dialectOf(b).padEnd(9)} ${b.title}`);
    }
    return 0;
  }
  const selected = select(names, options.db);
  if (typeof selected === "string") {
    console.error(selected);
    return 2;
  }
  if (!(await redisAnswers())) {
    console.error("Redis does not answer on REDIS_URL (default redis://127.0.0.1:6379); the benchmarks need it.");
    return 1;
  }
  const suiteStarted = performance.now();
  const records: BenchRecord[] = [];
  for (const bench of selected) {
    const started = performance.now();
    const startedAt = new Date().toISOString();
    const loadBefore = loadavg().map((l) => round(l, 2));
    const log = (message: string) =>
      console.log(`[${bench.name} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);
    log(`starting (load average ${loadBefore.join(" ")})`);
    let record: BenchRecord;
    try {
      const outcome = await bench.run({ ...options, log });
      record = {
        name: bench.name,
        title: bench.title,
        startedAt,
        seconds: round((performance.now() - started) / 1000, 1),
        machine: machine(loadBefore),
        ...outcome,
      };
    } catch (error) {
      console.error(`[${bench.name}] failed: ${(error as Error)?.stack ?? error}`);
      record = {
        name: bench.name,
        title: bench.title,
        startedAt,
        seconds: round((performance.now() - started) / 1000, 1),
        machine: machine(loadBefore),
        rows: [],
        details: {},
        error: String((error as Error)?.message ?? error),
      };
    }
    records.push(record);
    printTable(`${record.title} (${record.seconds} s)`, record.rows);
    for (const note of record.notes ?? []) console.log(`  note: ${note}`);
    if (record.error) console.log(`  ERROR: ${record.error.split("\n")[0]}`);
    console.log(`  → ${writeRecord(record)}`);
  }
  const targets = records.flatMap((r) => r.rows.filter((row) => row.pass !== undefined));
  const missed = targets.filter((row) => !row.pass);
  const errored = records.filter((r) => r.error);
  console.log(
    `\nbench: ${records.length} benchmark(s) in ${round((performance.now() - suiteStarted) / 1000, 1)} s; ` +
      `${targets.length - missed.length} target(s) met, ${missed.length} missed` +
      (errored.length ? `, ${errored.length} failed to run (${errored.map((r) => r.name).join(", ")})` : ""),
  );
  for (const row of missed) console.log(`  missed: ${row.what} (${row.target})`);
  if (errored.length > 0) return 1;
  return options.strict && missed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
