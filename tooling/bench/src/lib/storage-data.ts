import { randomUUID } from "node:crypto";
import { STORAGE_KINDS } from "@homebase/core";
import { closeDb, openDb } from "@homebase/db";
import Database from "better-sqlite3";
import { rng } from "./stats";

export interface GeneratedStorage {
  objects: number;
  entities: number;
  projects: number;
  duplicates: number;
  largestEntityObjects: number;
  medianEntityObjects: number;
  /** Sum over entities of the deduplicated bytes, known from generation (the answer both sides must find). */
  expectedUsedBytes: number;
  seconds: { rows: number; index: number; total: number };
}

/** Shares of STORAGE_KINDS (artifact, run_file, media, other), in its order. */
const KIND_WEIGHTS = [0.5, 0.3, 0.15, 0.05];
const DUPLICATE_SHARE = 0.2;
const ROWS_PER_STATEMENT = 50;

/** Object counts per entity rank: Zipf (s = 1), so 10 M objects over 100 k entities give a largest entity of ~826 k. */
export function zipfCounts(objects: number, entities: number): number[] {
  let h = 0;
  for (let i = 1; i <= entities; i++) h += 1 / i;
  const counts = Array.from({ length: entities }, (_, i) => Math.max(1, Math.floor(objects / (i + 1) / h)));
  let total = counts.reduce((a, b) => a + b, 0);
  for (let i = 0; total < objects; i = (i + 1) % entities, total++) counts[i]! += 1;
  for (let i = entities - 1; total > objects; i = i > 0 ? i - 1 : entities - 1) {
    if (counts[i]! > 1) {
      counts[i]! -= 1;
      total--;
    }
  }
  return counts;
}

/**
 * Fills a fresh, migrated database (openDb) with `objects` storage objects over objects/100
 * entities: Zipf-distributed object counts, log-normal sizes (median 200 kB, a heavy tail up to
 * 50 GB), and about 20 % of each entity's objects repeating an earlier digest (same size, another
 * path/project). Entities are 90 % users and 10 % teams, each with 1–3 projects. Rows go in raw
 * with prepared multi-row statements in one transaction, foreign keys off, the usage index dropped
 * and built again at the end with its own definition (faster than maintaining it row by row).
 */
export function generateStorage(file: string, objects: number, log: (m: string) => void): GeneratedStorage {
  const started = performance.now();
  closeDb(openDb({ file })); // migrations, exactly as the apps run them
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = DELETE");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("cache_size = -1000000");
  sqlite.pragma("threads = 2");
  const indexSql = (
    sqlite.prepare("select sql from sqlite_master where type = 'index' and name = 'storage_objects_usage'").get() as {
      sql: string;
    }
  ).sql;
  sqlite.exec("drop index storage_objects_usage");

  const random = rng(20261126);
  const normal = () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const hex = () => (random() * 4294967296).toString(16).padStart(8, "0").slice(0, 8);
  const newDigest = () => `${hex()}${hex()}${hex()}`;
  const size = () => Math.min(50e9, Math.round(Math.exp(Math.log(200_000) + 2.5 * normal())));
  const kind = () => {
    const x = random();
    let acc = 0;
    for (let i = 0; i < STORAGE_KINDS.length; i++) {
      acc += KIND_WEIGHTS[i]!;
      if (x < acc) return STORAGE_KINDS[i]!;
    }
    return "other";
  };

  const entityCount = Math.max(10, Math.round(objects / 100));
  const counts = zipfCounts(objects, entityCount);
  // Ranks are dealt to random entity ids, so the largest entity sits anywhere in id order.
  const now = Date.now();
  const insertEntity = sqlite.prepare("insert into entities (id, name, kind, created_at) values (?, ?, ?, ?)");
  const insertUser = sqlite.prepare(
    "insert into users (id, username, email, password_hash, created_at) values (?, ?, ?, 'seeded', ?)",
  );
  const insertTeam = sqlite.prepare("insert into teams (id, display_name, created_at) values (?, ?, ?)");
  const insertProject = sqlite.prepare(
    "insert into projects (id, entity_id, name, privacy, code_saving, created_at) values (?, ?, ?, 'private', 0, ?)",
  );
  const columns = "(entity_id, project_id, kind, path, size, digest, created_at)";
  const many = sqlite.prepare(
    `insert into storage_objects ${columns} values ${Array.from({ length: ROWS_PER_STATEMENT }, () => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
  );
  const one = sqlite.prepare(`insert into storage_objects ${columns} values (?, ?, ?, ?, ?, ?, ?)`);

  let projectsTotal = 0;
  let duplicates = 0;
  let expectedUsedBytes = 0;
  let written = 0;
  let lastLog = performance.now();
  const batch: (string | number)[] = [];
  const flush = (force: boolean) => {
    while (batch.length >= ROWS_PER_STATEMENT * 7) many.run(batch.splice(0, ROWS_PER_STATEMENT * 7));
    if (force) while (batch.length > 0) one.run(batch.splice(0, 7));
  };
  sqlite.transaction(() => {
    for (let e = 0; e < entityCount; e++) {
      const id = randomUUID();
      const name = `e${e}`;
      const isTeam = random() < 0.1;
      insertEntity.run(id, name, isTeam ? "team" : "user", now);
      if (isTeam) insertTeam.run(id, name, now);
      else insertUser.run(id, name, `${name}@example.com`, now);
      const projectIds = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, p) => {
        const pid = randomUUID();
        insertProject.run(pid, id, `project-${p}`, now);
        return pid;
      });
      projectsTotal += projectIds.length;
      const n = counts[e]!;
      const digests: string[] = [];
      const sizes: number[] = [];
      for (let j = 0; j < n; j++) {
        let d: string;
        let s: number;
        if (j > 0 && random() < DUPLICATE_SHARE) {
          const k = Math.floor(random() * digests.length);
          d = digests[k]!;
          s = sizes[k]!;
          duplicates++;
        } else {
          d = newDigest();
          s = size();
          digests.push(d);
          sizes.push(s);
          expectedUsedBytes += s;
        }
        const k = kind();
        batch.push(id, projectIds[Math.floor(random() * projectIds.length)]!, k, `${k}/f${j}.bin`, s, d, now);
        if (batch.length >= ROWS_PER_STATEMENT * 7 * 20) flush(false);
      }
      flush(true);
      written += n;
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`  ${(written / 1e6).toFixed(1)} M of ${(objects / 1e6).toFixed(1)} M objects written`);
      }
    }
  })();
  const rowsDone = performance.now();
  log(`  rows in ${((rowsDone - started) / 1000).toFixed(1)} s; building storage_objects_usage`);
  sqlite.exec(indexSql);
  const indexDone = performance.now();
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  const sorted = [...counts].sort((a, b) => a - b);
  return {
    objects,
    entities: entityCount,
    projects: projectsTotal,
    duplicates,
    largestEntityObjects: sorted.at(-1)!,
    medianEntityObjects: sorted[Math.floor(sorted.length / 2)]!,
    expectedUsedBytes,
    seconds: {
      rows: (rowsDone - started) / 1000,
      index: (indexDone - rowsDone) / 1000,
      total: (performance.now() - started) / 1000,
    },
  };
}
