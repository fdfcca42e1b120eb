import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths";

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Self time by function, largest first. */
  functions: { name: string; where: string; selfMs: number; share: number }[];
  /** Self time by package (node_modules) or project folder, largest first. */
  packages: { name: string; selfMs: number; share: number }[];
  /** Inclusive time of frames whose name matches, as a share of the profile. */
  inclusive: { name: string; ms: number; share: number }[];
}

function where(url: string): string {
  const path = url.replace(/^file:\/\//, "");
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = path.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (path.startsWith(REPO_ROOT))
    return path
      .slice(REPO_ROOT.length + 1)
      .split("/")
      .slice(0, 2)
      .join("/");
  if (path.startsWith("node:")) return "node (builtin)";
  return path ? "other" : "(native / V8)";
}

/**
 * Reads the main thread's .cpuprofile in `dir` (thread 0; tsx's loader thread writes another)
 * and sums self time per function and per package, over the last `windowMs` of the profile
 * (the load run, without start-up), or all of it.
 */
export function summarizeProfile(
  dir: string,
  inclusiveNames: string[] = [],
  options: { top?: number; windowMs?: number } = {},
): ProfileSummary {
  const top = options.top ?? 25;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .sort();
  const file = files.find((f) => /\.0\.\d+\.cpuprofile$/.test(f)) ?? files[0];
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let total = 0;
  let at = profile.startTime;
  const from = options.windowMs ? profile.endTime - options.windowMs * 1000 : Number.NEGATIVE_INFINITY;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from) continue;
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + dt);
  }
  const fnSelf = new Map<string, { name: string; where: string; selfMs: number }>();
  const pkgSelf = new Map<string, number>();
  const incl = new Map<string, number>(inclusiveNames.map((n) => [n, 0]));
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const f = node.callFrame;
    const file = f.url.replace(/^file:\/\//, "");
    const short = file.includes("node_modules/")
      ? file.slice(file.lastIndexOf("node_modules/") + 13)
      : file.replace(`${REPO_ROOT}/`, "");
    const key = `${f.functionName}@${f.url}:${f.lineNumber}`;
    const entry = fnSelf.get(key) ?? {
      name: f.functionName || "(anonymous)",
      where: `${short}:${f.lineNumber + 1}`,
      selfMs: 0,
    };
    entry.selfMs += ms;
    fnSelf.set(key, entry);
    const pkg = f.url ? where(f.url) : f.functionName.startsWith("(") ? f.functionName : "(native / V8)";
    pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + ms);
    // Inclusive: each matching name (a function, or a package as where() names it) counted once
    // per stack. Not a substring of the URL: pnpm's store paths name peer dependencies
    // (drizzle-orm@…_better-sqlite3@…_pg@…), which made every Drizzle frame count as both.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      const pkg = frame.url ? where(frame.url) : "";
      for (const name of inclusiveNames) {
        if (!seen.has(name) && (frame.functionName === name || pkg === name)) {
          seen.add(name);
          incl.set(name, incl.get(name)! + ms);
        }
      }
    }
  }
  const share = (ms: number) => Math.round((ms / total) * 1000) / 10;
  return {
    file: join(dir, file),
    totalMs: Math.round(total),
    functions: [...fnSelf.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((f) => ({ ...f, selfMs: Math.round(f.selfMs), share: share(f.selfMs) })),
    packages: [...pkgSelf]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, selfMs: Math.round(ms), share: share(ms) })),
    inclusive: [...incl].map(([name, ms]) => ({ name, ms: Math.round(ms), share: share(ms) })),
  };
}

export function printProfile(s: ProfileSummary, log: (m: string) => void) {
  log(`profile ${s.file}: ${s.totalMs} ms sampled`);
  log("  self time by package:");
  for (const p of s.packages.slice(0, 15)) log(`    ${String(p.share).padStart(5)} %  ${p.name}`);
  log("  self time by function:");
  for (const f of s.functions.slice(0, 25)) log(`    ${String(f.share).padStart(5)} %  ${f.name}  ${f.where}`);
  if (s.inclusive.length) {
    log("  inclusive time:");
    for (const i of s.inclusive) log(`    ${String(i.share).padStart(5)} %  ${i.name}`);
  }
}
