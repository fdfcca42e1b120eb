/**
 * http-auth-pg's raw baseline: API-key authentication done by hand on PostgreSQL, behind the same
 * HTTP stack as the API (Hono on @hono/node-server) on PORT, on the API's own database
 * (DATABASE_URL, a pool of DATABASE_POOL_SIZE through openDatabase's pg.Pool):
 * 1. the key from `Authorization: Bearer KEY`, parsed and its checksum checked (parseApiKey);
 * 2. one indexed lookup by key ID with its user, a prepared statement through `pg`;
 * 3. SHA-256 of the secret and timingSafeEqual against the stored digest;
 * 4. the user row as JSON.
 * BASELINES.md's "raw key auth", on PostgreSQL. No middleware, no extra headers.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { parseApiKey } from "@homebase/core";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { openPg } from "../lib/pg";

const { pool, close } = await openPg(process.env.DATABASE_URL!, {
  poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  migrate: false,
});
const FIND_KEY = {
  name: "bench_find_key",
  text:
    'select k.secret_digest as digest, u.id, u.username, u.email, u.name, u.created_at as "createdAt" ' +
    "from api_keys k join users u on u.id = k.user_id where k.id = $1 and u.deleted_at is null",
};

const app = new Hono();
app.get("/viewer", async (c) => {
  const header = c.req.header("authorization");
  const parsed = header?.startsWith("Bearer ") ? parseApiKey(header.slice(7)) : null;
  if (!parsed) return c.json({ error: "unauthorized" }, 401);
  const { rows } = await pool.query<{ digest: string; id: string; username: string }>({
    ...FIND_KEY,
    values: [parsed.id],
  });
  const row = rows[0];
  const given = createHash("sha256").update(parsed.secret).digest();
  if (!row || !timingSafeEqual(Buffer.from(row.digest, "hex"), given)) return c.json({ error: "unauthorized" }, 401);
  const { digest: _, ...user } = row;
  return c.json({ user });
});
app.get("/healthz", (c) => c.json({ status: "ok" }));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "0.0.0.0" });
process.on("SIGTERM", () => {
  server.close();
  void close().finally(() => process.exit(0));
});
