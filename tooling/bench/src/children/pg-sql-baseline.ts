/**
 * storage-recalc-pg baselines: raw SQL through `pg` (the pool of openDatabase, one connection),
 * on the database DATABASE_URL names.
 * - "breakdown": BREAKDOWN_ALL_SQL, what the worker computes for every entity in ONE statement;
 * - "distinct": BASELINES.md's statement (SELECT DISTINCT entity_id, digest, size …), as on SQLite;
 * - "per-entity": breakdownPg itself, read from the source, as a prepared statement run once per
 *   entity in id order: the floor of any recalculation that goes entity by entity.
 */
import { openPg } from "../lib/pg";
import { BREAKDOWN_ALL_SQL, breakdownPgSql, DISTINCT_SQL } from "../lib/recalc-sql-pg";
import { serve } from "./ipc";

// Opened at once, awaited by each command: the IPC listener must exist before any await.
const opened = openPg(process.env.DATABASE_URL!, { poolSize: 1, migrate: false });
const perEntitySql = breakdownPgSql();

async function largestEntity(): Promise<string> {
  const { pool } = await opened;
  const { rows } = await pool.query<{ entity_id: string }>(
    "select entity_id from storage_objects group by entity_id order by count(*) desc limit 1",
  );
  return rows[0]?.entity_id ?? "";
}

serve({
  async run({ variant }: { variant: "breakdown" | "distinct" | "per-entity" }) {
    const { pool } = await opened;
    if (variant === "per-entity") {
      if (!perEntitySql) throw new Error("breakdownPg not found in packages/db/src/queries/storage.ts");
      const { rows: ids } = await pool.query<{ id: string }>("select id from entities order by id");
      const client = await pool.connect();
      try {
        let total = 0;
        const started = performance.now();
        for (const { id } of ids) {
          const { rows } = await client.query<{ bytes: string }>({
            name: "bench_breakdown",
            text: perEntitySql,
            values: [id],
          });
          for (const r of rows) total += Number(r.bytes);
        }
        return { seconds: (performance.now() - started) / 1000, entities: ids.length, usedBytes: total };
      } finally {
        client.release();
      }
    }
    const started = performance.now();
    const { rows } = await pool.query<{ entity_id: string; bytes: string }>(
      variant === "breakdown" ? BREAKDOWN_ALL_SQL : DISTINCT_SQL,
    );
    const seconds = (performance.now() - started) / 1000;
    let total = 0;
    for (const r of rows) total += Number(r.bytes);
    return { seconds, entities: new Set(rows.map((r) => r.entity_id)).size, usedBytes: total };
  },
  /** EXPLAIN of a statement; with `analyze`, run (ANALYZE, BUFFERS); $1 is the largest entity. */
  async explain({ sql, analyze }: { sql: string; analyze?: boolean }) {
    const { pool } = await opened;
    const values = sql.includes("$1") ? [await largestEntity()] : [];
    const { rows } = await pool.query<{ "QUERY PLAN": string }>(
      `explain ${analyze ? "(analyze, buffers) " : ""}${sql}`,
      values,
    );
    return rows.map((r) => r["QUERY PLAN"]);
  },
  perEntitySql() {
    return perEntitySql;
  },
  async sizes() {
    const { pool } = await opened;
    const { rows } = await pool.query<{ table_bytes: string; index_bytes: string; database_bytes: string }>(
      `select pg_table_size('storage_objects') as table_bytes,
         pg_relation_size('storage_objects_usage') as index_bytes,
         pg_database_size(current_database()) as database_bytes`,
    );
    return {
      tableBytes: Number(rows[0]!.table_bytes),
      indexBytes: Number(rows[0]!.index_bytes),
      databaseBytes: Number(rows[0]!.database_bytes),
    };
  },
  async close() {
    await (await opened).close();
    return true;
  },
});
