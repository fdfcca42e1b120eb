import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths";

/**
 * What the worker computes for every entity, in ONE statement: the production code's PostgreSQL
 * deduplication (breakdownPg in packages/db/src/queries/storage.ts: DISTINCT ON (digest) … ORDER
 * BY digest, id, then sums by kind and project) over all entities at once. The worker runs the
 * same statement a batch of 500 entities at a time (breakdownBatchPg: `entity_id = any($1)`).
 */
export const BREAKDOWN_ALL_SQL = `select entity_id, kind, project_id, sum(size) as bytes from (
  select distinct on (entity_id, digest) entity_id, size, kind, project_id from storage_objects
  order by entity_id, digest, id
) first_copies group by entity_id, kind, project_id`;

/** BASELINES.md's statement, as on SQLite (PostgreSQL wants the derived table named). */
export const DISTINCT_SQL =
  "select entity_id, sum(size) as bytes from (select distinct entity_id, digest, size from storage_objects) d group by entity_id";

/** breakdownPg's text with `${entityId}` as $1, read from packages/db so the statement timed is the one that runs. */
export function breakdownPgSql(): string | undefined {
  const source = readFileSync(join(REPO_ROOT, "packages/db/src/queries/storage.ts"), "utf8");
  return /const breakdownPg = \(entityId: string\) => sql`([^`]+)`/
    .exec(source)?.[1]
    ?.replace(/\$\{entityId\}/, () => "$1")
    .replace(/\s+/g, " ")
    .trim();
}
