/**
 * storage-recalc baseline: ONE raw SQL statement computing every entity's deduplicated sum,
 * on a connection opened as the apps open theirs (openDb: WAL, synchronous NORMAL, no extra
 * cache or mmap). DB_FILE from the environment.
 */
import { openDb } from "@homebase/db";
import { serve } from "./ipc";

/** BASELINES.md's statement, verbatim. */
export const BASELINE_SQL =
  "SELECT entity_id, SUM(size) FROM (SELECT DISTINCT entity_id, digest, size FROM storage_objects) GROUP BY entity_id";
/** The same sums in the order of the covering index (entity_id, digest, id, size, …): no temporary B-tree. */
export const INDEX_ORDER_SQL =
  "SELECT entity_id, SUM(size) FROM (SELECT entity_id, MIN(id), size FROM storage_objects GROUP BY entity_id, digest) GROUP BY entity_id";

const db = openDb({ file: process.env.DB_FILE!, migrate: false });
const sqlite = db.$client;

/** The entity with the most objects: the one whose recalculation costs most. */
function largestEntity(): string {
  const row = sqlite
    .prepare("select entity_id from storage_objects group by entity_id order by count(*) desc limit 1")
    .get() as { entity_id: string } | undefined;
  return row?.entity_id ?? "";
}

serve({
  run({ variant }: { variant: "baseline" | "index-order" }) {
    const stmt = sqlite.prepare(variant === "baseline" ? BASELINE_SQL : INDEX_ORDER_SQL).raw(true);
    const started = performance.now();
    const rows = stmt.all() as [string, number][];
    const seconds = (performance.now() - started) / 1000;
    let total = 0;
    for (const r of rows) total += r[1];
    return { seconds, entities: rows.length, usedBytes: total };
  },
  explain({ sql }: { sql: string }) {
    const stmt = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const params = (sql.match(/\?/g) ?? []).map(() => largestEntity());
    return (stmt.all(...params) as { detail: string }[]).map((r) => r.detail);
  },
  pragmas() {
    return {
      mmap_size: sqlite.pragma("mmap_size", { simple: true }),
      cache_size: sqlite.pragma("cache_size", { simple: true }),
      journal_mode: sqlite.pragma("journal_mode", { simple: true }),
      page_size: sqlite.pragma("page_size", { simple: true }),
    };
  },
});
