import { pingDb } from "@homebase/db";
import { Hono } from "hono";
import type { AppEnv } from "../lib/context";

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);
}

/** /healthz: the process is up. /readyz: SQLite and Redis answer. */
export function healthRouter() {
  return new Hono<AppEnv>()
    .get("/healthz", (c) => c.json({ status: "ok" }, 200))
    .get("/readyz", async (c) => {
      const { db, redis } = c.var.deps;
      const [database, queue] = await Promise.allSettled([pingDb(db), withTimeout(redis.ping(), 1000)]);
      const checks = {
        database: database.status === "fulfilled" ? "ok" : "unreachable",
        redis: queue.status === "fulfilled" ? "ok" : "unreachable",
      };
      const ready = checks.database === "ok" && checks.redis === "ok";
      return c.json({ status: ready ? "ready" : "unavailable", checks }, ready ? 200 : 503);
    });
}
