import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { REPO_ROOT } from "./harness";

/**
 * The real Weights & Biases Python SDK (wandb 0.30.0), for specs that drive Homebase the way its
 * users do: a Python script with `wandb.init()` pointed at Homebase by WANDB_BASE_URL.
 *
 * The SDK comes from, in this order:
 * 1. WANDB_SDK_PYTHON, a python that can `import wandb` (CI installs it in .ci/run);
 * 2. `<repo>/../shared/wandb-sdk/install.sh tooling/e2e/.venv-wandb` (the local wheels);
 * 3. `python3 -m venv tooling/e2e/.venv-wandb && pip install wandb==0.30.0` (the public index).
 * When none works, `wandbPython()` throws with what each attempt said: the SDK specs fail, they
 * are never skipped.
 */

export const WANDB_VERSION = "0.30.0";
export const VENV_DIR = resolve(import.meta.dirname, "..", ".venv-wandb");
export const INSTALL_SCRIPT = resolve(REPO_ROOT, "..", "shared", "wandb-sdk", "install.sh");

interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (no shell), with the normal environment unless `env` is given. */
function exec(
  file: string,
  args: string[],
  options: { timeoutMs: number; env?: NodeJS.ProcessEnv; cwd?: string },
): Promise<ExecResult> {
  return new Promise((resolveExec) => {
    execFile(
      file,
      args,
      { timeout: options.timeoutMs, env: options.env ?? process.env, cwd: options.cwd, maxBuffer: 20_000_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        const extra = error && code === null ? `\n${error.message}` : "";
        resolveExec({ code, stdout: String(stdout), stderr: String(stderr) + extra });
      },
    );
  });
}

/** Whether `python` imports wandb at the expected version. */
async function checkPython(python: string): Promise<string | undefined> {
  if (!existsSync(python)) return `${python} does not exist`;
  const res = await exec(python, ["-c", "import wandb, sys; print(wandb.__version__)"], { timeoutMs: 60_000 });
  if (res.code !== 0) return `${python} cannot import wandb: ${res.stderr.trim().split("\n").slice(-3).join(" | ")}`;
  const version = res.stdout.trim();
  if (version !== WANDB_VERSION) return `${python} has wandb ${version}, not ${WANDB_VERSION}`;
  return undefined;
}

async function install(): Promise<string> {
  const failures: string[] = [];
  const fromEnv = process.env.WANDB_SDK_PYTHON;
  if (fromEnv) {
    const python = isAbsolute(fromEnv) ? fromEnv : resolve(REPO_ROOT, fromEnv);
    const problem = await checkPython(python);
    if (!problem) return python;
    failures.push(`WANDB_SDK_PYTHON=${fromEnv}: ${problem}`);
  }
  if (existsSync(INSTALL_SCRIPT)) {
    // The normal HOME: pip's configuration for the local index lives there.
    const res = await exec("bash", [INSTALL_SCRIPT, VENV_DIR], { timeoutMs: 600_000 });
    const printed = res.stdout.trim().split("\n").pop() ?? "";
    if (res.code === 0 && printed) {
      const python = isAbsolute(printed) ? printed : resolve(printed);
      const problem = await checkPython(python);
      if (!problem) return python;
      failures.push(`${INSTALL_SCRIPT}: ${problem}`);
    } else {
      failures.push(`${INSTALL_SCRIPT} exited ${res.code}: ${tail(res.stderr || res.stdout, 15)}`);
    }
  } else {
    failures.push(`${INSTALL_SCRIPT} is missing`);
  }
  // A machine with the public Python index.
  const python = join(VENV_DIR, "bin", "python");
  if (!existsSync(python)) {
    const venv = await exec(process.env.PYTHON ?? "python3", ["-m", "venv", VENV_DIR], { timeoutMs: 120_000 });
    if (venv.code !== 0)
      failures.push(
        `${process.env.PYTHON ?? "python3"} -m venv ${VENV_DIR} exited ${venv.code}: ${tail(venv.stderr, 5)}`,
      );
  }
  if (existsSync(python)) {
    const pip = await exec(
      python,
      ["-m", "pip", "install", "-q", "--disable-pip-version-check", `wandb==${WANDB_VERSION}`],
      { timeoutMs: 600_000 },
    );
    if (pip.code === 0 && !(await checkPython(python))) return python;
    failures.push(`pip install wandb==${WANDB_VERSION} exited ${pip.code}: ${tail(pip.stderr, 10)}`);
  }
  throw new Error(
    `The wandb SDK ${WANDB_VERSION} could not be installed, so the SDK specs cannot run. ` +
      "They need Python 3.11 with venv, and either ../shared/wandb-sdk/install.sh beside the repository " +
      `or the public Python index; or set WANDB_SDK_PYTHON to a python that imports wandb ${WANDB_VERSION}.\n` +
      failures.map((f) => `- ${f}`).join("\n"),
  );
}

let installing: Promise<string> | undefined;

/** The absolute path of a python with wandb 0.30.0; installs it the first time (once per process). */
export function wandbPython(): Promise<string> {
  installing ??= install();
  return installing;
}

function tail(text: string, lines: number): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}

// ---------------------------------------------------------------------------------------------
// Running SDK scripts

export interface SdkTarget {
  /** Homebase's base URL (WANDB_BASE_URL). */
  baseUrl: string;
  /** A Homebase API key (WANDB_API_KEY); omitted: the SDK has none. */
  apiKey?: string;
}

export interface SdkRunOptions extends SdkTarget {
  /** Arguments after the script. */
  args?: string[];
  /** More environment for the script (over the SDK defaults below). */
  env?: Record<string, string>;
  /** Kill the whole tree with SIGKILL after this long (default 120 s). */
  timeoutMs?: number;
  /** A scratch HOME to reuse (e.g. after `wandb login`); default: a fresh one. */
  home?: string;
  /**
   * Rely on an earlier `wandb login` in `home`: neither WANDB_BASE_URL nor WANDB_API_KEY is set,
   * so the SDK reads the host and key that the login stored.
   */
  fromLogin?: boolean;
}

export interface SdkResult {
  /** The exit code, or null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved, as a terminal would show them. */
  output: string;
  timedOut: boolean;
  durationMs: number;
  /** The scratch directory of the run (HOME, WANDB_DIR and the script's working directory below it). */
  scratch: string;
}

export interface SdkProcess {
  pid: number;
  /** Resolves when the Python process has exited (not necessarily its wandb-core service). */
  result: Promise<SdkResult>;
  /** What it printed so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output (rejects if the process ends first or after `timeoutMs`). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends `signal` to the Python process group and to every descendant seen so far (wandb-core runs in its own session). */
  kill(signal?: NodeJS.Signals): void;
  /**
   * Sends `signal` to the Python process group only, as a terminal's Ctrl-C (SIGINT) does: the
   * SDK's wandb-core, in a session of its own, is not reached.
   */
  signalGroup(signal: NodeJS.Signals): void;
  /** The pids of the descendants seen so far (wandb-core and its helpers). */
  descendants(): number[];
}

/** Every live process, with its parent: read from /proc. */
function processTable(): Map<number, { ppid: number; start: string }> {
  const table = new Map<number, { ppid: number; start: string }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // pid (comm) state ppid … field 22 is the start time; comm may contain spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      table.set(Number(name), { ppid: Number(fields[1]), start: fields[19] ?? "" });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/** The processes started by the harness that may outlive their parent; killed by pid in `killStrays`. */
const tracked = new Map<number, string>();

function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** Signals one process by pid, only if it is still the process we saw (same start time). */
function signalTracked(pid: number, start: string, signal: NodeJS.Signals) {
  if (startTime(pid) !== start) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** SIGKILLs every wandb-core (or other descendant) that any script of this process left behind. */
export function killStrays() {
  for (const [pid, start] of tracked) signalTracked(pid, start, "SIGKILL");
  tracked.clear();
}

/**
 * The environment of an SDK process: nothing of the caller's WANDB_* settings, the target
 * Homebase, a scratch HOME (the SDK writes ~/.netrc and ~/.config/wandb there) and WANDB_DIR,
 * no git or code capture, online mode.
 */
export function sdkEnv(target: SdkTarget, scratch: string, home: string, extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith("WANDB_") || name === "VIRTUAL_ENV" || name.startsWith("PYTHON")) continue;
    env[name] = value;
  }
  const wandbDir = join(scratch, "wandb-dir");
  mkdirSync(wandbDir, { recursive: true });
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_CACHE_HOME: join(home, ".cache"),
    WANDB_BASE_URL: target.baseUrl,
    WANDB_DIR: wandbDir,
    WANDB_CACHE_DIR: join(scratch, "wandb-cache"),
    WANDB_CONFIG_DIR: join(home, ".config", "wandb"),
    WANDB_DATA_DIR: join(scratch, "wandb-data"),
    WANDB_ARTIFACT_DIR: join(scratch, "wandb-artifacts"),
    WANDB_DISABLE_GIT: "true",
    WANDB_DISABLE_CODE: "true",
    // Plain output for the logs; the console is still captured into output.log.
    WANDB_CONSOLE: "wrap",
    WANDB_ERROR_REPORTING: "false",
    PYTHONUNBUFFERED: "1",
    PYTHONDONTWRITEBYTECODE: "1",
    NO_PROXY: "localhost,127.0.0.1",
    no_proxy: "localhost,127.0.0.1",
    NO_COLOR: "1",
  });
  if (target.apiKey) env.WANDB_API_KEY = target.apiKey;
  Object.assign(env, extra);
  return env;
}

const scratchDirs = new Set<string>();

function loginEnv(env: NodeJS.ProcessEnv, fromLogin: boolean | undefined) {
  if (fromLogin) {
    delete env.WANDB_BASE_URL;
    delete env.WANDB_API_KEY;
  }
  return env;
}

/** A fresh scratch directory with a HOME inside (removed by `removeScratchDirs`). */
export function newScratch(): { scratch: string; home: string } {
  const scratch = mkdtempSync(join(tmpdir(), "homebase-wandb-"));
  scratchDirs.add(scratch);
  const home = join(scratch, "home");
  mkdirSync(home, { recursive: true });
  return { scratch, home };
}

/**
 * Starts `python` with `script` (Python source) against Homebase, in its own process group.
 * Descendants (wandb-core runs in a session of its own) are recorded while it runs, so `kill`
 * and `killStrays` reach them even after the Python process is gone.
 */
export function startSdkScript(python: string, script: string, options: SdkRunOptions): SdkProcess {
  const { scratch, home: freshHome } = newScratch();
  const home = options.home ?? freshHome;
  const workDir = join(scratch, "work");
  mkdirSync(workDir, { recursive: true });
  const scriptPath = join(workDir, "script.py");
  writeFileSync(scriptPath, script);
  return startProcess(python, [scriptPath, ...(options.args ?? [])], {
    env: loginEnv(sdkEnv(options, scratch, home, options.env), options.fromLogin),
    cwd: workDir,
    timeoutMs: options.timeoutMs ?? 120_000,
    scratch,
  });
}

function startProcess(
  file: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs: number; scratch: string },
): SdkProcess {
  const started = Date.now();
  const child: ChildProcess = spawn(file, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid ?? -1;
  let stdout = "";
  let stderr = "";
  let output = "";
  let timedOut = false;
  const listeners = new Set<() => void>();
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    output += chunk.toString("utf8");
    for (const l of listeners) l();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    output += chunk.toString("utf8");
    for (const l of listeners) l();
  });

  const seen = new Map<number, string>();
  const scan = () => {
    if (pid < 0) return;
    const table = processTable();
    const mine = new Set<number>([pid, ...seen.keys()]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [p, info] of table) {
        if (!mine.has(p) && mine.has(info.ppid)) {
          mine.add(p);
          seen.set(p, info.start);
          tracked.set(p, info.start);
          grew = true;
        }
      }
    }
  };
  const scanner = setInterval(scan, 250);

  let exited = false;
  const kill = (signal: NodeJS.Signals = "SIGKILL") => {
    if (!exited) scan();
    if (!exited && pid > 0) {
      try {
        process.kill(-pid, signal);
      } catch {
        // the group is gone
      }
    }
    for (const [p, start] of seen) signalTracked(p, start, signal);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill("SIGKILL");
  }, options.timeoutMs);

  const result = new Promise<SdkResult>((resolveResult) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (exited) return;
      exited = true;
      clearInterval(scanner);
      clearTimeout(timer);
      for (const l of listeners) l();
      resolveResult({
        code,
        signal,
        stdout,
        stderr,
        output,
        timedOut,
        durationMs: Date.now() - started,
        scratch: options.scratch,
      });
    };
    child.once("error", (error) => {
      output += `\n[spawn error] ${error.message}`;
      stderr += `\n[spawn error] ${error.message}`;
      finish(null, null);
    });
    // wandb-core inherits the script's stdout and stderr, so the pipes close only when it exits
    // too. Resolve on "close" (everything read), or 1 s after the script itself exited when the
    // service outlives it (it is still tracked for kill()/killStrays()).
    child.once("exit", (code, signal) => {
      setTimeout(() => finish(code, signal), 1000);
    });
    child.once("close", (code, signal) => finish(code, signal));
  });

  return {
    pid,
    result,
    output: () => output,
    kill,
    signalGroup(signal) {
      if (exited || pid < 0) return;
      try {
        process.kill(-pid, signal);
      } catch {
        // the group is gone
      }
    },
    descendants: () => [...seen.keys()],
    waitForOutput(pattern, timeoutMs = 60_000) {
      return new Promise((resolveMatch, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) return done(() => resolveMatch(match));
          if (exited) return done(() => reject(new Error(`the script ended before printing ${pattern}:\n${output}`)));
        };
        const t = setTimeout(
          () => done(() => reject(new Error(`no ${pattern} after ${timeoutMs} ms:\n${output}`))),
          timeoutMs,
        );
        const done = (f: () => void) => {
          clearTimeout(t);
          listeners.delete(check);
          f();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Runs an SDK script to its end (see `startSdkScript`); descendants still alive afterwards are left to `killStrays`. */
export function runSdkScript(python: string, script: string, options: SdkRunOptions): Promise<SdkResult> {
  return startSdkScript(python, script, options).result;
}

/**
 * `wandb login --host URL KEY` with the venv's `wandb` command, in `home` (a scratch HOME by
 * default), which is where it writes ~/.netrc and the host setting.
 */
export async function wandbLogin(
  python: string,
  options: { baseUrl: string; apiKey: string; home?: string; timeoutMs?: number },
): Promise<SdkResult & { home: string }> {
  const { scratch, home: freshHome } = newScratch();
  const home = options.home ?? freshHome;
  const wandbBin = join(python, "..", "wandb");
  const work = join(scratch, "work");
  mkdirSync(work, { recursive: true });
  const env = sdkEnv({ baseUrl: options.baseUrl }, scratch, home);
  // The host and key come from the command line, as a user types them.
  delete env.WANDB_BASE_URL;
  const proc = startProcess(wandbBin, ["login", "--host", options.baseUrl, options.apiKey], {
    env,
    cwd: work,
    timeoutMs: options.timeoutMs ?? 60_000,
    scratch,
  });
  return { ...(await proc.result), home };
}

/** Removes every scratch directory made so far (HOMEs, WANDB_DIRs with the SDK's logs, scripts). */
export function removeScratchDirs() {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  scratchDirs.clear();
}
