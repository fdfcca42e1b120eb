import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** The repository root (tooling/bench/src/lib → ../../../..). */
export const REPO_ROOT = resolve(import.meta.dirname, "..", "..", "..", "..");
/** bench-results/<name>.json lands here (git-ignored). */
export const RESULTS_DIR = resolve(REPO_ROOT, "bench-results");
export const BENCH_DIR = resolve(import.meta.dirname, "..", "..");
export const CHILDREN_DIR = resolve(import.meta.dirname, "..", "children");

export const API_SERVER = resolve(REPO_ROOT, "apps", "api", "src", "server.ts");
export const WORKER_MAIN = resolve(REPO_ROOT, "apps", "worker", "src", "main.ts");
export const WEB_DIR = resolve(REPO_ROOT, "apps", "web");

/** tsx's loader as a file URL, so `node --import <it> file.ts` runs TypeScript in ONE process (its pid is the server's). */
export const TSX_LOADER = import.meta.resolve("tsx");

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const WRK_PATH = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => existsSync(p));

export function child(name: string): string {
  return resolve(CHILDREN_DIR, name);
}
