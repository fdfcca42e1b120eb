import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the launcher (Node builtins only), without types
import { createSupervisor, restartDecision } from "../../launcher/supervisor.mjs";

/** The process supervision of `npm start`, with real child processes (node -e …). */
describe("the launcher's supervisor", () => {
  it("restarts a crashed child with backoff, saying so in one line, and gives up after repeated crashes", async () => {
    const lines: string[] = [];
    const gaveUp: string[] = [];
    const supervisor = createSupervisor({
      log: (line: string) => lines.push(line),
      onUnexpectedExit: (name: string) => gaveUp.push(name),
      restartPolicy: { maxCrashes: 3, windowMs: 60_000, baseMs: 50 },
    });
    const started = Date.now();
    supervisor.start("worker", process.execPath, ["-e", "process.exit(3)"], { stdio: "ignore" }, { restart: true });
    await expect.poll(() => gaveUp, { timeout: 10_000 }).toEqual(["worker"]);
    // Two restarts (50 ms, then 100 ms), then the third crash within the window gives up.
    expect(lines.filter((l) => /restarting it in/.test(l))).toHaveLength(2);
    expect(lines[0]).toMatch(/^worker exited \(code 3\); restarting it in 0\.05 s/);
    expect(lines.at(-1)).toMatch(/crashed 3 times within 60 s; giving up/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await supervisor.stopAll();
  });

  it("keeps a restarted child running, and stops it cleanly", async () => {
    const lines: string[] = [];
    const supervisor = createSupervisor({
      log: (line: string) => lines.push(line),
      onUnexpectedExit: () => {
        throw new Error("must not give up");
      },
      restartPolicy: { maxCrashes: 3, windowMs: 60_000, baseMs: 20 },
    });
    // Crashes the first time only (a marker in the environment would not survive; use a file).
    const marker = `/tmp/supervisor-test-${process.pid}-${Date.now()}`;
    const script = `const fs=require("fs");if(!fs.existsSync(${JSON.stringify(marker)})){fs.writeFileSync(${JSON.stringify(marker)},"");process.exit(1)}setInterval(()=>{},1000)`;
    const entry = supervisor.start("api", process.execPath, ["-e", script], { stdio: "ignore" }, { restart: true });
    await expect.poll(() => lines.length, { timeout: 5000 }).toBe(1);
    await expect.poll(() => entry.exit === undefined && entry.child.pid !== undefined, { timeout: 5000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(entry.exit).toBeUndefined();
    const result = await (async () => {
      await supervisor.stopAll();
      return entry.exit;
    })();
    expect(result.signal).toBe("SIGTERM");
  });

  it("decides restarts from the crashes within the window", () => {
    expect(restartDecision([0], 1000)).toEqual({ restart: true, delayMs: 1000, recent: 1 });
    expect(restartDecision([0, 100, 200], 1000)).toEqual({ restart: true, delayMs: 4000, recent: 3 });
    expect(restartDecision([0, 1, 2, 3, 4], 1000).restart).toBe(false);
    // Old crashes fall out of the window.
    expect(restartDecision([0, 1, 2, 3, 70_000], 70_500)).toEqual({ restart: true, delayMs: 1000, recent: 1 });
  });
});
