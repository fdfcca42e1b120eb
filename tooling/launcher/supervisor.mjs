// Starts child processes, and stops all of them together (Node builtins only).
import { spawn } from "node:child_process";

/** Restarts wait 1 s, then 2, 4, 8, … up to this many milliseconds. */
export const RESTART_BACKOFF_MAX_MS = 30_000;

/**
 * The restart policy of a crashed child: restart with exponential backoff, and give up after
 * `maxCrashes` crashes within `windowMs` (a child that keeps crashing is broken, not unlucky),
 * as systemd's StartLimitBurst/StartLimitIntervalSec and supervisord's startretries do.
 */
export function restartDecision(crashTimes, now, { maxCrashes = 5, windowMs = 60_000, baseMs = 1000 } = {}) {
  const recent = crashTimes.filter((t) => now - t <= windowMs);
  if (recent.length >= maxCrashes) return { restart: false, recent: recent.length };
  const delayMs = Math.min(RESTART_BACKOFF_MAX_MS, baseMs * 2 ** Math.max(0, recent.length - 1));
  return { restart: true, delayMs, recent: recent.length };
}

/**
 * A group of long-running children sharing the terminal. A child started with
 * `{ restart: true }` that exits on its own is started again with backoff (one line says so),
 * until it crashes `maxCrashes` times within `windowMs`; any other child's exit, or giving up,
 * calls `onUnexpectedExit` once. `stopAll` sends SIGTERM to each, waits, and SIGKILLs whatever
 * is still running after `graceMs`.
 */
export function createSupervisor({ log, onUnexpectedExit, graceMs = 15_000, restartPolicy = {} }) {
  const children = [];
  let stopping = false;

  function start(name, command, args, options = {}, { restart = false } = {}) {
    const spawnChild = () => spawn(command, args, { stdio: "inherit", ...options });
    const entry = adopt(name, spawnChild(), restart ? { respawn: spawnChild } : {});
    return entry;
  }

  /** Supervises a child started elsewhere (e.g. the detached redis-server). */
  function adopt(name, child, { respawn } = {}) {
    const entry = { name, child, exit: undefined, crashes: [] };
    const watch = (current) => {
      entry.exited = new Promise((resolve) => {
        const ended = (code, signal) => {
          if (entry.child !== current || entry.exit) return;
          entry.exit = { code, signal };
          resolve(entry.exit);
          if (stopping) return;
          if (respawn) {
            entry.crashes.push(Date.now());
            const decision = restartDecision(entry.crashes, Date.now(), restartPolicy);
            if (decision.restart) {
              log(
                `${name} exited (${signal ?? `code ${code}`}); restarting it in ${decision.delayMs / 1000} s (crash ${decision.recent} of ${restartPolicy.maxCrashes ?? 5} allowed per ${(restartPolicy.windowMs ?? 60_000) / 1000} s)`,
              );
              entry.restartTimer = setTimeout(() => {
                if (stopping) return;
                entry.child = respawn();
                entry.exit = undefined;
                watch(entry.child);
              }, decision.delayMs);
              return;
            }
            log(
              `${name} crashed ${decision.recent} times within ${(restartPolicy.windowMs ?? 60_000) / 1000} s; giving up`,
            );
          }
          onUnexpectedExit?.(name, code, signal);
        };
        current.once("exit", ended);
        current.once("error", (error) => {
          log(`${name} could not be started: ${error.message}`);
          ended(127, null);
        });
      });
    };
    watch(child);
    children.push(entry);
    return entry;
  }

  async function stop(entry, signal = "SIGTERM") {
    clearTimeout(entry.restartTimer);
    if (entry.exit) return entry.exit;
    try {
      entry.child.kill(signal);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      if (!entry.exit) {
        log(`${entry.name} did not stop within ${graceMs / 1000} s; killing it`);
        entry.child.kill("SIGKILL");
      }
    }, graceMs);
    const result = await entry.exited;
    clearTimeout(timer);
    return result;
  }

  /** Stops the children in `order` (names), then every other one, each group in parallel. */
  async function stopAll(order = []) {
    stopping = true;
    const rest = children.filter((c) => !order.includes(c.name));
    await Promise.all(rest.map((c) => stop(c)));
    for (const name of order) {
      const entry = children.find((c) => c.name === name);
      if (entry) await stop(entry);
    }
  }

  /** Synchronous last resort from process.on("exit"): nothing may outlive the launcher. */
  function killAllNow() {
    for (const c of children) if (!c.exit) c.child.kill("SIGKILL");
  }

  return {
    start,
    adopt,
    stopAll,
    killAllNow,
    get stopping() {
      return stopping;
    },
  };
}
