import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { count } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, closeDb, openDatabase, openDb } from "../client";
import * as pgSchema from "../schema-pg";
import { createPgTestDatabase } from "../testing";
import { parseCopyArgs, redactSecrets, redactUrl, UsageError } from "./cli-args";
import { homebaseTables } from "./plan";
import { seedEveryTable } from "./test-fixtures";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

describe("parseCopyArgs", () => {
  const cwd = "/work/pkg";
  it("takes --to and --from (also --opt=value), skipping the -- that pnpm passes on", () => {
    expect(
      parseCopyArgs(["--", "--to", "postgres://h/db", "--from=file:./x.sqlite"], { INIT_CWD: "/home/me" }, cwd),
    ).toEqual({ to: "postgres://h/db", from: "/home/me/x.sqlite", batchSize: undefined, help: false });
    expect(
      parseCopyArgs(["--to=postgresql://h/db", "--from", "data/a.sqlite", "--batch-size", "50"], {}, cwd),
    ).toMatchObject({ from: "/work/pkg/data/a.sqlite", batchSize: 50 });
  });

  it("defaults --from to DATABASE_URL when it is file:, else DATA_DIR/homebase.sqlite (./data)", () => {
    const to = ["--to", "postgres://h/db"];
    expect(parseCopyArgs(to, { DATABASE_URL: "file:///srv/hb.sqlite" }, cwd).from).toBe("/srv/hb.sqlite");
    expect(parseCopyArgs(to, { DATABASE_URL: "file:", DATA_DIR: "/var/hb" }, cwd).from).toBe("/var/hb/homebase.sqlite");
    expect(parseCopyArgs(to, { DATABASE_URL: "postgres://other/db", DATA_DIR: "d" }, cwd).from).toBe(
      "/work/pkg/d/homebase.sqlite",
    );
    expect(parseCopyArgs(to, { INIT_CWD: "/root/repo" }, cwd).from).toBe("/root/repo/data/homebase.sqlite");
  });

  it("refuses a bad command line", () => {
    expect(() => parseCopyArgs([], {}, cwd)).toThrow(UsageError);
    expect(() => parseCopyArgs(["--to", "mysql://h/db"], {}, cwd)).toThrow(/postgres:\/\//);
    expect(() => parseCopyArgs(["--to", "postgres://h/db", "--from", "postgres://x/y"], {}, cwd)).toThrow(/SQLite/);
    expect(() => parseCopyArgs(["--to", "postgres://h/db", "--batch-size", "0"], {}, cwd)).toThrow(/positive/);
    expect(() => parseCopyArgs(["--to"], {}, cwd)).toThrow(/needs a value/);
    expect(() => parseCopyArgs(["--too=postgres://u:secret@h/db"], {}, cwd)).toThrow(/^Unknown argument: --too$/);
  });

  it("redacts passwords in URLs and messages", () => {
    expect(redactUrl("postgres://app:s%40cret@db:5432/hb")).toBe("postgres://app:***@db:5432/hb");
    expect(redactUrl("postgres://db/hb?user=app&password=hunter22")).toBe("postgres://db/hb?user=app&password=***");
    expect(redactUrl("postgres://app@db/hb")).toBe("postgres://app@db/hb");
    expect(redactSecrets("failed for s@cret at postgres://app:s%40cret@db/hb", "postgres://app:s%40cret@db/hb")).toBe(
      "failed for *** at postgres://app:***@db/hb",
    );
  });
});

/** Runs a command in the repo root; resolves with its exit code and output (never rejects). */
function runCommand(command: string, args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(command, args, { cwd: repoRoot, timeout: 120_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("npm run db:copy (child process, from the repo root)", () => {
  let dir: string;
  let file: string;
  let target: Awaited<ReturnType<typeof createPgTestDatabase>>;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "homebase-copy-cli-"));
    file = join(dir, "homebase.sqlite");
    const source = openDb({ file });
    seedEveryTable(source);
    closeDb(source);
    target = await createPgTestDatabase();
    // The test server trusts local connections, so any password is accepted: one that must
    // never appear in the output.
    const withPassword = new URL(target.url);
    withPassword.username = withPassword.username || "postgres";
    withPassword.password = "Sup3r-Secret-Pw";
    url = withPassword.toString();
  });
  afterAll(async () => {
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("copies, prints each table and a summary, exits 0; a second run is refused with exit ≠ 0", async () => {
    const first = await runCommand("npm", ["run", "db:copy", "--", "--from", file, "--to", url]);
    expect(first.stderr).not.toMatch(/db:copy failed/);
    expect(first.code).toBe(0);
    for (const { name } of homebaseTables()) expect(first.stdout).toMatch(new RegExp(`^  ${name} +\\d+ rows$`, "m"));
    expect(first.stdout).toMatch(/^Copied 55 rows in 28 tables in [\d.]+ s; row counts verified\.$/m);
    expect(first.stdout).toContain(":***@");
    expect(first.stdout + first.stderr).not.toContain("Sup3r-Secret-Pw");

    const db = await openDatabase({ url: target.url, dataDir: dir, poolSize: 1 });
    try {
      const [row] = await (db as unknown as NodePgDatabase).select({ n: count() }).from(pgSchema.users);
      expect(row?.n).toBe(2);
    } finally {
      await closeDatabase(db);
    }

    const second = await runCommand("npm", ["run", "db:copy", "--", "--from", file, "--to", url]);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(/db:copy failed: The target database already holds Homebase data \(.*users \(2\)/);
    expect(second.stdout + second.stderr).not.toContain("Sup3r-Secret-Pw");
  });

  it("exits non-zero with a clear message when the source file does not exist", async () => {
    const missing = join(dir, "nope.sqlite");
    const result = await runCommand("pnpm", [
      "--silent",
      "--filter",
      "@homebase/db",
      "copy",
      "--",
      "--from",
      missing,
      "--to",
      url,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`db:copy failed: No SQLite database at ${missing}`);
    expect(result.stdout + result.stderr).not.toContain("Sup3r-Secret-Pw");
  });
});
