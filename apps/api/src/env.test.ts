import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** The API's environment (src/env.ts), checked at start by the real server process (src/server.ts). */

const appDir = join(import.meta.dirname, "..");
const dataDir = mkdtempSync(join(tmpdir(), "homebase-api-env-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts src/server.ts with `env` and resolves with its exit code and output once it exits (or 15 s pass). */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: appDir,
      env: { ...process.env, DATA_DIR: dataDir, PORT: "0", DATABASE_URL: "", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("API environment (src/env.ts)", () => {
  it("refuses to start on a TRUSTED_PROXIES entry that is not an address, a range or a name", async () => {
    const { code, output } = await start({ TRUSTED_PROXIES: "loopback, proxy.internal" });
    expect(code).not.toBe(0);
    expect(output).toMatch(/TRUSTED_PROXIES/);
    expect(output).toMatch(/proxy\.internal/);
  }, 20_000);
});
