import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { WRK_PATH } from "./paths";

export interface LoadResult {
  tool: "wrk" | "autocannon";
  /** Successful (2xx) responses per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** GET by default; with `body`, every request sends the same body. */
  method?: "GET" | "POST";
  body?: string;
  connections: number;
  seconds: number;
  /** Force a tool; by default wrk when installed, else autocannon. */
  tool?: "wrk" | "autocannon";
}

/** Only loopback: every load loop of this suite stays on this machine. */
function assertLoopback(url: string) {
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "[::1]") {
    throw new Error(`refusing to load ${host}: benchmarks only target 127.0.0.1`);
  }
}

export function loadTool(forced?: "wrk" | "autocannon"): "wrk" | "autocannon" {
  return forced ?? (WRK_PATH ? "wrk" : "autocannon");
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  assertLoopback(options.url);
  return loadTool(options.tool) === "wrk" ? runWrk(options) : runAutocannon(options);
}

async function runAutocannon(o: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    headers: o.headers,
    method: o.method ?? "GET",
    body: o.body,
    pipelining: 1,
  });
  const ok = result["2xx"];
  return {
    tool: "autocannon",
    rps: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
  };
}

function toMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) return Number.NaN;
  const v = Number(m[1]);
  return m[2] === "us" ? v / 1000 : m[2] === "ms" ? v : m[2] === "s" ? v * 1000 : v * 60_000;
}

/** A wrk script that sets the method and reads the body from a file (no quoting of the body in Lua). */
function wrkScript(o: LoadOptions): { args: string[]; cleanup: () => void } {
  if ((o.method ?? "GET") === "GET" && o.body === undefined) return { args: [], cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), "homebase-bench-wrk-"));
  const bodyFile = join(dir, "body");
  writeFileSync(bodyFile, o.body ?? "");
  writeFileSync(
    join(dir, "request.lua"),
    `wrk.method = "${o.method ?? "GET"}"\nlocal f = assert(io.open(${JSON.stringify(bodyFile)}, "rb"))\nwrk.body = f:read("*a")\nf:close()\n`,
  );
  return { args: ["-s", join(dir, "request.lua")], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** wrk -t2 (the machine has 2 cores) with --latency; non-2xx come from its summary. */
function runWrk(o: LoadOptions): Promise<LoadResult> {
  const args = ["-t2", `-c${o.connections}`, `-d${o.seconds}s`, "--latency", "--timeout", "5s"];
  for (const [k, v] of Object.entries(o.headers ?? {})) args.push("-H", `${k}: ${v}`);
  const script = wrkScript(o);
  args.push(...script.args, o.url);
  return new Promise((resolve, reject) => {
    const child = spawn(WRK_PATH!, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.once("error", (error) => {
      script.cleanup();
      reject(error);
    });
    child.once("exit", () => {
      script.cleanup();
      const requests = Number(/(\d+) requests in ([\d.]+)(\w+)/.exec(out)?.[1] ?? Number.NaN);
      const dur = /(\d+) requests in ([\d.]+)(\w+)/.exec(out);
      const seconds = dur ? toMs(`${dur[2]}${dur[3]}`) / 1000 : o.seconds;
      const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
      const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      const errors = socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
      const p = (q: string) => toMs(new RegExp(`^\\s+${q}%\\s+(\\S+)`, "m").exec(out)?.[1] ?? "");
      if (!Number.isFinite(requests)) return reject(new Error(`could not read wrk's output:\n${out}`));
      resolve({
        tool: "wrk",
        rps: (requests - non2xx) / seconds,
        p50Ms: p("50"),
        p99Ms: p("99"),
        requests,
        non2xx,
        errors,
        seconds,
      });
    });
  });
}
