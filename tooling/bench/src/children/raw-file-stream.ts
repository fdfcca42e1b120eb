/**
 * file-stream baseline: the run stream's work done by hand, on the API's own SQLite file
 * (DB_FILE, opened with the pragmas of openDb), behind the same HTTP stack as the API
 * (Hono on @hono/node-server) on PORT:
 * 1. the key from `Authorization: Basic base64("api:KEY")` (or Bearer), parsed and its checksum
 *    checked (parseApiKey, a pure function: the same parse as the API's);
 * 2. one indexed better-sqlite3 lookup by key ID (with the owner's name, the entity it may write);
 * 3. SHA-256 of the secret and timingSafeEqual against the stored digest;
 * 4. the body read and parsed as JSON (the history count is in it);
 * 5. one indexed UPDATE of the run's heartbeat and history count, found by project and run ID.
 * No middleware, no extra headers, `{}` as the answer.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { parseApiKey } from "@homebase/core";
import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { Hono } from "hono";

const sqlite = new Database(process.env.DB_FILE!);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = NORMAL");
sqlite.pragma("foreign_keys = ON");
sqlite.pragma("busy_timeout = 5000");

const findKey = sqlite.prepare<[string], { digest: string; userId: string; username: string }>(
  "select k.secret_digest as digest, u.id as userId, u.username as username from api_keys k join users u on u.id = k.user_id where k.id = ? and u.deleted_at is null",
);
const heartbeat = sqlite.prepare<[number, number, string, string, string]>(
  "update runs set last_heartbeat_at = ?, history_line_count = max(history_line_count, ?) " +
    "where project_id = (select id from projects where entity_id = ? and name = ?) and run_id = ? and state = 'running'",
);

function keyOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  if (header.startsWith("Bearer ")) return header.slice(7);
  if (!header.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

const app = new Hono();
app.post("/files/:entity/:project/:run/file_stream", async (c) => {
  const key = keyOf(c.req.header("authorization"));
  const parsed = key ? parseApiKey(key) : null;
  if (!parsed) return c.json({ error: "unauthorized" }, 401);
  const row = findKey.get(parsed.id);
  const given = createHash("sha256").update(parsed.secret).digest();
  if (!row || !timingSafeEqual(Buffer.from(row.digest, "hex"), given)) return c.json({ error: "unauthorized" }, 401);
  const { entity, project, run } = c.req.param();
  if (entity !== row.username) return c.json({ error: "not found" }, 404);
  const text = await c.req.text();
  const body = (text ? JSON.parse(text) : {}) as { files?: Record<string, { offset?: number; content?: unknown[] }> };
  const history = body.files?.["wandb-history.jsonl"];
  const lines = history ? (history.offset ?? 0) + (history.content?.length ?? 0) : 0;
  if (heartbeat.run(Date.now(), lines, row.userId, project, run).changes === 0) {
    return c.json({ error: "not found" }, 404);
  }
  return c.json({});
});
app.get("/healthz", (c) => c.json({ status: "ok" }));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "0.0.0.0" });
process.on("SIGTERM", () => {
  server.close();
  sqlite.close();
  process.exit(0);
});
