/**
 * storage-ingest baseline: raw prepared inserts of the same rows, in transactions of 1,000,
 * on a migrated database opened as the apps open theirs (openDb). DB_FILE from the environment.
 */
import { randomUUID } from "node:crypto";
import { openDb } from "@homebase/db";
import { ingestObjects } from "../lib/ingest-rows";
import { serve } from "./ipc";

const db = openDb({ file: process.env.DB_FILE! });
const sqlite = db.$client;
const now = Date.now();
const entityId = randomUUID();
const projectId = randomUUID();
sqlite
  .prepare(
    "insert into users (id, username, email, password_hash, created_at) values (?, 'ingest', 'i@example.com', 'x', ?)",
  )
  .run(entityId, now);
sqlite.prepare("insert into entities (id, name, kind, created_at) values (?, 'ingest', 'user', ?)").run(entityId, now);
sqlite
  .prepare(
    "insert into projects (id, entity_id, name, privacy, code_saving, created_at) values (?, ?, 'ingest', 'private', 0, ?)",
  )
  .run(projectId, entityId, now);
const insert = sqlite.prepare(
  "insert into storage_objects (entity_id, project_id, kind, path, size, digest, created_at) values (?, ?, ?, ?, ?, ?, ?)",
);
const insertBatch = sqlite.transaction((objects: ReturnType<typeof ingestObjects>) => {
  for (const o of objects) insert.run(entityId, projectId, o.kind, o.path, o.size, o.digest, now);
});

serve({
  run({ offset, count, batch }: { offset: number; count: number; batch: number }) {
    const batches: ReturnType<typeof ingestObjects>[] = [];
    for (let i = 0; i < count; i += batch) batches.push(ingestObjects(offset + i, Math.min(batch, count - i)));
    const started = performance.now();
    for (const b of batches) insertBatch(b);
    return { seconds: (performance.now() - started) / 1000 };
  },
  count() {
    return sqlite.prepare("select count(*) from storage_objects").pluck().get();
  },
});
