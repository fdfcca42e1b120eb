import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { closeDatabase, listPendingPurges, openDatabase } from "@homebase/db";
import { createPgTestDatabase, testDialect } from "@homebase/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const appDir = join(import.meta.dirname, "..");
const prefix = `test-${randomUUID()}`;
const dataDir = mkdtempSync(join(tmpdir(), "homebase-worker-"));
const SMTP_PASSWORD = `pw-${randomUUID()}`;
const dialect = testDialect();
/** The empty database the worker is to migrate: DATA_DIR/homebase.sqlite, or a PostgreSQL database of this test's own. */
let database: { url: string | undefined; drop: () => Promise<void> } = { url: undefined, drop: async () => {} };

beforeAll(async () => {
  if (dialect === "postgres") database = await createPgTestDatabase();
});

afterAll(async () => {
  await database.drop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.unlink(...keys);
  await redis.quit();
  rmSync(dataDir, { recursive: true, force: true });
});

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

function startWorker() {
  const child = spawn(join(appDir, "node_modules/.bin/tsx"), ["src/main.ts"], {
    cwd: appDir,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      // Empty: SQLite in DATA_DIR (the env treats "" as unset).
      DATABASE_URL: database.url ?? "",
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: "info",
      SMTP_URL: `smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:2525`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const waiters: Array<{ msg: string; resolve: (l: LogLine) => void }> = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    raw.push(line);
    const parsed = JSON.parse(line) as LogLine;
    lines.push(parsed);
    for (const w of waiters.filter((w) => w.msg === parsed.msg)) w.resolve(parsed);
  });
  child.stderr!.on("data", (d: Buffer) => raw.push(d.toString()));
  const waitFor = (msg: string) =>
    new Promise<LogLine>((resolve, reject) => {
      const seen = lines.find((l) => l.msg === msg);
      if (seen) return resolve(seen);
      waiters.push({ msg, resolve });
      child.once("exit", (code) => reject(new Error(`worker exited (${code}) before "${msg}":\n${raw.join("\n")}`)));
    });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, lines, raw, waitFor, exited };
}

describe("worker process (src/main.ts)", () => {
  it("migrates the database (DATABASE_URL, else DATA_DIR), logs JSON, and shuts down cleanly on SIGTERM", async () => {
    const proc = startWorker();
    expect(await proc.waitFor("worker starting")).toMatchObject({ database: dialect });
    const ready = await proc.waitFor("worker ready");
    expect(ready).toMatchObject({
      prefix,
      queues: expect.arrayContaining(["maintenance"]),
      schedules: expect.arrayContaining(["purge-expired-sessions"]),
    });
    if (dialect === "sqlite") expect(existsSync(join(dataDir, "homebase.sqlite"))).toBe(true);

    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    expect(proc.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["worker shutting down", "worker closed"]));
    // Every line is structured, and no configured secret ever reaches the log.
    for (const line of proc.lines) expect(typeof line.time).toBe("string");
    expect(proc.raw.join("\n")).not.toContain(SMTP_PASSWORD);
    // Migrated: the tables are there for a connection that does not migrate itself.
    const db = await openDatabase({ url: database.url, dataDir, migrate: false });
    try {
      expect(await listPendingPurges(db, 10)).toEqual([]);
    } finally {
      await closeDatabase(db);
    }
  }, 60_000);
});
