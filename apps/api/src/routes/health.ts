import { open, rm } from "node:fs/promises";
import { join } from "node:path";
import { pingDb } from "@homebase/db";
import { Hono } from "hono";
import type { AppEnv } from "../lib/context";
import { storageFailureStatus } from "../lib/storage-errors";

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);
}

/** Bytes the readiness probe writes to DATA_DIR: a page of SQLite's, the least a write needs. */
const PROBE_BYTES = 4096;

/**
 * Whether DATA_DIR can take a write: a page-sized file is written, synced and removed. A full
 * or read-only disk fails it, and then so would every write of SQLite.
 */
async function probeWrite(dataDir: string): Promise<void> {
  const file = join(dataDir, `.readyz-${process.pid}`);
  try {
    const handle = await open(file, "w");
    try {
      await handle.write(Buffer.alloc(PROBE_BYTES));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * /healthz: the process is up. /readyz: the configured database (SQLite or PostgreSQL, each
 * within 2 s) and Redis answer, and DATA_DIR takes a write.
 */
export function healthRouter() {
  return new Hono<AppEnv>()
    .get("/healthz", (c) => c.json({ status: "ok" }, 200))
    .get("/readyz", async (c) => {
      const { db, redis, config } = c.var.deps;
      const [database, queue, disk] = await Promise.allSettled([
        withTimeout(pingDb(db), 2000),
        withTimeout(redis.ping(), 1000),
        withTimeout(probeWrite(config.dataDir), 1000),
      ]);
      const checks = {
        database: database.status === "fulfilled" ? "ok" : "unreachable",
        redis: queue.status === "fulfilled" ? "ok" : "unreachable",
        storage: disk.status === "fulfilled" ? "ok" : storageFailureStatus(disk.reason) === 507 ? "full" : "unwritable",
      };
      const ready = checks.database === "ok" && checks.redis === "ok" && checks.storage === "ok";
      return c.json({ status: ready ? "ready" : "unavailable", checks }, ready ? 200 : 503);
    });
}
