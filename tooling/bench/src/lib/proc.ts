import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import { REPO_ROOT, TSX_LOADER } from "./paths";
import { sleep } from "./stats";

export interface NodeProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The last ~256 KB of stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
  /** Peak resident set (VmHWM) so far, in bytes; undefined once the process is gone. */
  peakRss(): number | undefined;
  /** CPU time used so far (user + system), in ms; undefined once the process is gone. */
  cpuMs(): number | undefined;
  /** Sends a command over IPC and resolves with the child's answer (see children/ipc.ts). */
  call<T = unknown>(cmd: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it is gone. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
let hooked = false;

/** Whatever happens to the bench process, its children go with it. */
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on("exit", () => {
    for (const c of running) c.kill("SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      for (const c of running) c.kill("SIGKILL");
      process.exit(130);
    });
  }
}

/** VmHWM of a live process, in bytes. */
export function readPeakRss(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Clock ticks a second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/**
 * CPU time (user + system, all threads) a live process has used so far, in ms; undefined once it
 * is gone. Unlike throughput, CPU per request hardly moves when other programs share the cores.
 */
export function readCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) in parentheses: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
}

let nextCallId = 0;

/**
 * Runs a TypeScript file in its own Node process (`node --import tsx file.ts`): one process,
 * so its pid is the program's own (VmHWM, --cpu-prof), with an IPC channel.
 */
export function startNode(
  name: string,
  script: string,
  options: { env?: Record<string, string | undefined>; args?: string[]; nodeArgs?: string[]; cwd?: string } = {},
): NodeProcess {
  hookExit();
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", TSX_LOADER, script, ...(options.args ?? [])],
    {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    },
  );
  running.add(child);
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (output.length > 512_000) output = output.slice(-256_000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${chunk.toString("utf8")}`);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 128 : null));
    }),
  );
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on("message", (message: { id?: number; ok?: boolean; result?: unknown; error?: string }) => {
    if (typeof message?.id !== "number") return;
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`${name}: ${message.error}`));
  });
  void exited.then((code) => {
    for (const w of pending.values()) w.reject(new Error(`${name} exited (${code}) before answering\n${tail(output)}`));
    pending.clear();
  });
  return {
    name,
    child,
    pid: child.pid ?? -1,
    output: () => output,
    exited,
    peakRss: () => (child.pid ? readPeakRss(child.pid) : undefined),
    cpuMs: () => (child.pid ? readCpuMs(child.pid) : undefined),
    call<T>(cmd: string, args?: unknown, timeoutMs = 30 * 60_000) {
      const id = ++nextCallId;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${name}: "${cmd}" took longer than ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        // A child that has gone (or is going) rejects the call; without the callback, a send on a
        // closed channel is an 'error' event that ends the bench itself.
        if (!child.connected) {
          pending.delete(id);
          clearTimeout(timer);
          reject(new Error(`${name} is gone; "${cmd}" not sent\n${tail(output)}`));
          return;
        }
        child.send({ id, cmd, args }, (error) => {
          if (!error || !pending.has(id)) return;
          pending.get(id)!.reject(new Error(`${name}: "${cmd}" not sent (${error.message})\n${tail(output)}`));
          pending.delete(id);
        });
      });
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function tail(text: string, lines = 30): string {
  return text.split("\n").slice(-lines).join("\n");
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Polls `url` until it answers `status` (200), or throws with the process's output. */
export async function waitForHttp(url: string, proc: NodeProcess, timeoutMs = 60_000, status = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${proc.name} exited before ${url} answered\n${tail(proc.output())}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === status) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs / 1000} s\n${tail(proc.output())}`);
}
