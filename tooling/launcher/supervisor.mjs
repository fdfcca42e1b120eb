// Starts child processes, and stops all of them together (Node builtins only).
import { spawn } from "node:child_process";

/**
 * A group of long-running children sharing the terminal. When one of them exits on its own,
 * `onUnexpectedExit` is called once; `stopAll` sends SIGTERM to each, waits, and SIGKILLs
 * whatever is still running after `graceMs`.
 */
export function createSupervisor({ log, onUnexpectedExit, graceMs = 15_000 }) {
  const children = [];
  let stopping = false;

  function start(name, command, args, options = {}) {
    return adopt(name, spawn(command, args, { stdio: "inherit", ...options }));
  }

  /** Supervises a child started elsewhere (e.g. the detached redis-server). */
  function adopt(name, child) {
    const entry = { name, child, exit: undefined };
    entry.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        entry.exit = { code, signal };
        resolve(entry.exit);
        if (!stopping) onUnexpectedExit?.(name, code, signal);
      });
      child.once("error", (error) => {
        log(`${name} could not be started: ${error.message}`);
        entry.exit = { code: 127, signal: null };
        resolve(entry.exit);
        if (!stopping) onUnexpectedExit?.(name, 127, null);
      });
    });
    children.push(entry);
    return entry;
  }

  async function stop(entry, signal = "SIGTERM") {
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
