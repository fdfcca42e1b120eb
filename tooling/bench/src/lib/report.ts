import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { RESULTS_DIR } from "./paths";

/** One line of a benchmark's table. Figures and baselines share `unit`. */
export interface Row {
  what: string;
  unit: string;
  figure: number;
  baseline?: number;
  /** As the target defines it (usually figure / baseline). */
  ratio?: number;
  target?: string;
  /** Undefined for informational rows. */
  pass?: boolean;
}

export interface BenchOptions {
  /** Alternations of baseline and subject (at least 3). */
  rounds: number;
  /** storage-recalc and storage-recalc-pg: objects to generate (default 10,000,000). */
  objects?: number;
  /** alerts-throughput: deliveries a round (default 10,000). */
  deliveries?: number;
  /** http-auth, file-stream: the load generator (default: wrk when installed, else autocannon). */
  tool?: "wrk" | "autocannon";
  /** http-auth, file-stream: seconds per load run (default 10). */
  duration?: number;
  /** Keep temporary files (databases, builds) for inspection. */
  keep: boolean;
  /** Also take a CPU profile of the subject (node --cpu-prof) and summarize it. */
  profile: boolean;
  log: (message: string) => void;
}

export interface BenchOutcome {
  rows: Row[];
  /** Everything measured, per round, for bench-results/<name>.json. */
  details: Record<string, unknown>;
  notes?: string[];
}

export type BenchDb = "sqlite" | "postgres";

export interface Bench {
  name: string;
  title: string;
  /** The database the subject runs on (default sqlite); `--db` selects by it. */
  dialect?: BenchDb;
  run(options: BenchOptions): Promise<BenchOutcome>;
}

export interface BenchRecord extends BenchOutcome {
  name: string;
  title: string;
  startedAt: string;
  seconds: number;
  machine: {
    cpus: number;
    model: string | undefined;
    memoryGiB: number;
    node: string;
    loadBefore: number[];
    loadAfter: number[];
  };
  error?: string;
}

export function fmt(value: number | undefined, unit = ""): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}

export function machine(loadBefore: number[]) {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
    loadBefore,
    loadAfter: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** Prints what | figure | baseline | ratio | target | pass/fail. */
export function printTable(title: string, rows: readonly Row[]): void {
  const header = ["what", "figure", "baseline", "ratio", "target", "result"];
  const lines = rows.map((r) => [
    r.what,
    fmt(r.figure, r.unit),
    r.baseline === undefined ? "" : fmt(r.baseline, r.unit),
    r.ratio === undefined ? "" : fmt(r.ratio),
    r.target ?? "",
    r.pass === undefined ? "" : r.pass ? "PASS" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const l of lines) console.log(line(l));
}

export function writeRecord(record: BenchRecord): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${record.name}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** A row whose figure must be at least `min` (ratio or absolute). */
export function atLeast(value: number, min: number): boolean {
  return Number.isFinite(value) && value >= min;
}

export function atMost(value: number, max: number): boolean {
  return Number.isFinite(value) && value <= max;
}
