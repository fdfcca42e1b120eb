/**
 * storage-ingest-pg baseline: raw multi-row INSERTs of the same rows through `pg` (the pool of
 * openDatabase), 1,000 rows a statement, each in its own transaction (BEGIN, INSERT, COMMIT),
 * CLIENTS connections at a time each taking the next batch, as the API's clients do, on a
 * database migrated by openDatabase (same table, same covering index). DATABASE_URL, CLIENTS from
 * the environment.
 */
import { randomUUID } from "node:crypto";
import { ingestObjects } from "../lib/ingest-rows";
import { openPg } from "../lib/pg";
import { serve } from "./ipc";

const clients = Number(process.env.CLIENTS ?? 4);
const entityId = randomUUID();
const projectId = randomUUID();
const COLUMNS = "(entity_id, project_id, kind, path, size, digest, created_at)";

// Opened at once, awaited by each command: the IPC listener must exist before any await.
const opened = (async () => {
  const pg = await openPg(process.env.DATABASE_URL!, { poolSize: clients });
  const now = new Date();
  await pg.pool.query(
    "insert into users (id, username, email, password_hash, created_at) values ($1, 'ingest', 'i@example.com', 'x', $2)",
    [entityId, now],
  );
  await pg.pool.query("insert into entities (id, name, kind, created_at) values ($1, 'ingest', 'user', $2)", [
    entityId,
    now,
  ]);
  await pg.pool.query(
    "insert into projects (id, entity_id, name, privacy, code_saving, created_at) values ($1, $2, 'ingest', 'private', false, $3)",
    [projectId, entityId, now],
  );
  return pg;
})();

const statements = new Map<number, string>();

/** INSERT … VALUES ($1, …, $7), … for `rows` rows; prepared once per connection under its name. */
function insertSql(rows: number): string {
  const known = statements.get(rows);
  if (known) return known;
  const values = Array.from({ length: rows }, (_, r) => {
    const b = r * 7;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  const text = `insert into storage_objects ${COLUMNS} values ${values.join(", ")}`;
  statements.set(rows, text);
  return text;
}

serve({
  async run({ offset, count, batch }: { offset: number; count: number; batch: number }) {
    const { pool } = await opened;
    const now = new Date();
    const batches: unknown[][] = [];
    for (let i = 0; i < count; i += batch) {
      const values: unknown[] = [];
      for (const o of ingestObjects(offset + i, Math.min(batch, count - i))) {
        values.push(entityId, projectId, o.kind, o.path, o.size, o.digest, now);
      }
      batches.push(values);
    }
    let next = 0;
    const client = async () => {
      const connection = await pool.connect();
      try {
        for (let i = next++; i < batches.length; i = next++) {
          const values = batches[i]!;
          const rows = values.length / 7;
          await connection.query("begin");
          await connection.query({ name: `bench_insert_${rows}`, text: insertSql(rows), values });
          await connection.query("commit");
        }
      } finally {
        connection.release();
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, client));
    return { seconds: (performance.now() - started) / 1000 };
  },
  async count() {
    const { pool } = await opened;
    const { rows } = await pool.query<{ n: string }>("select count(*) as n from storage_objects");
    return Number(rows[0]!.n);
  },
  async close() {
    await (await opened).close();
    return true;
  },
});
