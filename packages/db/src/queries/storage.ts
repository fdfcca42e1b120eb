import {
  STORAGE_HISTORY_DAYS as HISTORY_DAYS,
  levelTransition,
  STORAGE_KINDS,
  type StorageKind,
  type StorageLevel,
  storageAlertMessage,
  storageLevel,
} from "@homebase/core";
import { and, asc, count, eq, gt, inArray, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { dialectOf, tables } from "../dialect";
import { recordNotification } from "./notifications";
import { columnPlaceholder, prepared, runPrepared } from "./prepared";
import { forUpdate, type Tx, transaction } from "./tx";

export interface NewStorageObject {
  entityId: string;
  projectId: string;
  kind: StorageKind;
  path: string;
  size: number;
  digest: string;
}

const HOUR_MS = 3600_000;

/** Rows of a raw statement on PostgreSQL (node-postgres: bigint and numeric read as text). */
async function pgRows<T>(q: Db, query: SQL): Promise<T[]> {
  return (await (q as unknown as { execute(query: SQL): Promise<{ rows: T[] }> }).execute(query)).rows;
}

/** Marks an entity's usage stale inside a transaction that changed its objects: the recalculation's and sweeper's to-do list. */
export async function markStale(tx: Tx, entityId: string, now: Date): Promise<void> {
  const { storageUsage } = tables(tx);
  await tx
    .insert(storageUsage)
    .values({ entityId, staleSince: now })
    .onConflictDoUpdate({
      target: storageUsage.entityId,
      // The earliest time wins; `excluded` is the row we tried to insert (both dialects).
      set: { staleSince: sql`coalesce(${storageUsage.staleSince}, excluded.stale_since)` },
    });
}

/** Stores objects, all or nothing, and marks each touched entity's usage stale. Returns their ids in order. */
export async function insertStorageObjects(
  db: Db,
  p: { objects: readonly NewStorageObject[]; now: Date },
): Promise<number[]> {
  if (p.objects.length === 0) return [];
  return transaction(db, async (tx) => {
    if (dialectOf(tx) === "postgres") return insertStorageObjectsPg(tx, p);
    const { storageObjects } = tables(tx);
    const ids: number[] = [];
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < p.objects.length; i += 100) {
      const rows = p.objects.slice(i, i + 100).map((o) => ({ ...o, createdAt: p.now }));
      for (const r of await tx.insert(storageObjects).values(rows).returning({ id: storageObjects.id })) ids.push(r.id);
    }
    for (const entityId of new Set(p.objects.map((o) => o.entityId))) await markStale(tx, entityId, p.now);
    return ids;
  });
}

/*
 * PostgreSQL: the whole batch in one statement, each column one array parameter (7 parameters
 * whatever the batch size), and the stale marks in one more. Drizzle's multi-row insert builds
 * and encodes every value of every row in JavaScript: 46 % of the API's CPU ingesting 1,000
 * objects a request, against the database's own work at about the raw inserts' speed
 * (tooling/bench storage-ingest-pg --profile). Dialect SQL because unnest of arrays has no
 * SQLite form; SQLite's inserts are function calls and pass their target as they are.
 * `with ordinality … order by` inserts (and so numbers and returns) the rows in the caller's order.
 */
async function insertStorageObjectsPg(
  tx: Tx,
  p: { objects: readonly NewStorageObject[]; now: Date },
): Promise<number[]> {
  const column = <K extends keyof NewStorageObject>(key: K) => sql.param(p.objects.map((o) => o[key]));
  const rows = await pgRows<{ id: string }>(
    tx,
    sql`insert into storage_objects (entity_id, project_id, kind, path, size, digest, created_at)
      select entity_id, project_id, kind, path, size, digest, ${p.now.toISOString()}::timestamptz
      from unnest(${column("entityId")}::text[], ${column("projectId")}::text[], ${column("kind")}::text[],
        ${column("path")}::text[], ${column("size")}::bigint[], ${column("digest")}::text[])
        with ordinality as o(entity_id, project_id, kind, path, size, digest, n)
      order by n
      returning id`,
  );
  // Sorted, as the recalculation locks usage rows in entity_id order (no deadlock between them).
  const entityIds = [...new Set(p.objects.map((o) => o.entityId))].sort();
  await pgRows(
    tx,
    sql`insert into storage_usage (entity_id, stale_since)
      select entity_id, ${p.now.toISOString()}::timestamptz from unnest(${sql.param(entityIds)}::text[]) as e(entity_id)
      order by entity_id
      on conflict (entity_id) do update set stale_since = coalesce(storage_usage.stale_since, excluded.stale_since)`,
  );
  return rows.map((r) => Number(r.id));
}

/** Deletes an object when it belongs to one of `entityIds`; returns its entity, or undefined. */
export async function deleteStorageObject(db: Db, p: { id: number; entityIds: ReadonlySet<string>; now: Date }) {
  return transaction(db, async (tx) => {
    const { storageObjects } = tables(tx);
    const [row] = await forUpdate(
      tx,
      tx.select({ entityId: storageObjects.entityId }).from(storageObjects).where(eq(storageObjects.id, p.id)),
    );
    if (!row || !p.entityIds.has(row.entityId)) return undefined;
    await tx.delete(storageObjects).where(eq(storageObjects.id, p.id));
    await markStale(tx, row.entityId, p.now);
    return row.entityId;
  });
}

export interface UsageBreakdown {
  usedBytes: number;
  byKind: Record<StorageKind, number>;
  byProject: { projectId: string; bytes: number }[];
}

/*
 * One entity's deduplicated usage in one statement through the covering index
 * (storage_objects_usage): each digest counts once, with the size, kind and project of its first
 * stored copy. Dialect SQL because "the columns of the first row per digest" has no query-builder
 * form that is fast on both: SQLite returns the bare columns of the MIN(id) row of a group;
 * PostgreSQL has DISTINCT ON (digest) … ORDER BY digest, id for the same rows.
 */
const BREAKDOWN_SQL = `
  select kind, project_id as projectId, sum(size) as bytes from (
    select min(id), size, kind, project_id from storage_objects where entity_id = ? group by digest
  ) group by kind, project_id`;

const breakdownPg = (entityId: string) => sql`
  select kind, project_id as "projectId", sum(size) as bytes from (
    select distinct on (digest) size, kind, project_id from storage_objects
    where entity_id = ${entityId} order by digest, id
  ) first_copies group by kind, project_id`;

/*
 * breakdownPg for a batch of entities in one statement (the recalculation's): the first copy
 * per (entity, digest), so each entity's rows are exactly breakdownPg's. `entity_id = any($1)`
 * on the index's first column keeps the scan an Index Only Scan in index order, so DISTINCT ON
 * needs no sort. storage.test.ts checks both against a brute-force sum.
 */
const breakdownBatchPg = (entityIds: readonly string[]) => sql`
  select entity_id as "entityId", kind, project_id as "projectId", sum(size) as bytes from (
    select distinct on (entity_id, digest) entity_id, size, kind, project_id from storage_objects
    where entity_id = any(${sql.param(entityIds)}::text[]) order by entity_id, digest, id
  ) first_copies group by entity_id, kind, project_id`;

/*
 * SQLite's statement compiled once per connection through prepared() (prepared.ts), which takes
 * anything with a `prepare()`: here better-sqlite3's own statement, since Drizzle has no
 * prepared form for a raw SQL string on SQLite (and the bare-column SQL above has no
 * query-builder form). Its `?` is bound positionally, hence the small adapter.
 */
const breakdownSqlite = (db: Db) => ({
  prepare: () => {
    const statement = db.$client.prepare(BREAKDOWN_SQL);
    return {
      all: (p?: Record<string, unknown>) => statement.all(p?.entityId) as BreakdownRow[],
      get: (p?: Record<string, unknown>) => statement.get(p?.entityId) as BreakdownRow | undefined,
    };
  },
});

type BreakdownRow = { kind: StorageKind; projectId: string; bytes: number | string };

async function breakdownRows(q: Db | Tx, entityId: string): Promise<BreakdownRow[]> {
  if (dialectOf(q) === "postgres") return pgRows<BreakdownRow>(q, breakdownPg(entityId));
  return runPrepared(q, prepared(q, "storage_breakdown", breakdownSqlite), { entityId });
}

/** One entity's usage from its breakdown rows (in any order). */
function usageOf(rows: readonly BreakdownRow[]): UsageBreakdown {
  const byKind = Object.fromEntries(STORAGE_KINDS.map((k) => [k, 0])) as Record<StorageKind, number>;
  const projectBytes = new Map<string, number>();
  let usedBytes = 0;
  for (const r of rows) {
    // PostgreSQL's sum(bigint) is numeric, which node-postgres reads as text.
    const bytes = Number(r.bytes);
    usedBytes += bytes;
    byKind[r.kind] += bytes;
    projectBytes.set(r.projectId, (projectBytes.get(r.projectId) ?? 0) + bytes);
  }
  const byProject = [...projectBytes]
    .map(([projectId, bytes]) => ({ projectId, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
  return { usedBytes, byKind, byProject };
}

/**
 * One entity's usage in bytes, total and by kind and project (largest first). Pass the
 * transaction's handle inside a transaction so that it sees (and on SQLite waits for nothing
 * but) that transaction.
 */
export async function computeUsage(db: Db | Tx, entityId: string): Promise<UsageBreakdown> {
  return usageOf(await breakdownRows(db, entityId));
}

/*
 * The statements SQLite's recalculation runs for every entity, built by Drizzle once (see
 * prepared.ts): compiled once per connection. Building them again for each entity cost about
 * five times the deduplicated sums themselves (tooling/bench storage-recalc).
 */
const recalculation = {
  quota: (db: Db) => {
    const { entityQuotas } = tables(db);
    return db
      .select({ q: entityQuotas.quotaBytes })
      .from(entityQuotas)
      .where(eq(entityQuotas.entityId, columnPlaceholder(entityQuotas.entityId, "entityId")));
  },
  notified: (db: Db) => {
    const { storageUsage } = tables(db);
    return db
      .select({ notified: storageUsage.notifiedLevel })
      .from(storageUsage)
      .where(eq(storageUsage.entityId, columnPlaceholder(storageUsage.entityId, "entityId")));
  },
  saveUsage: (db: Db) => {
    const { storageUsage } = tables(db);
    const entityId = sql.placeholder("entityId");
    return db
      .insert(storageUsage)
      .values({
        entityId,
        usedBytes: sql.placeholder("usedBytes"),
        artifactBytes: sql.placeholder("artifactBytes"),
        runFileBytes: sql.placeholder("runFileBytes"),
        mediaBytes: sql.placeholder("mediaBytes"),
        otherBytes: sql.placeholder("otherBytes"),
        byProject: sql.placeholder("byProject"),
        computedAt: sql.placeholder("computedAt"),
        level: sql.placeholder("level"),
        notifiedLevel: sql.placeholder("notifiedLevel"),
        staleSince: null,
      })
      .onConflictDoUpdate({
        target: storageUsage.entityId,
        set: {
          usedBytes: sql`excluded.used_bytes`,
          artifactBytes: sql`excluded.artifact_bytes`,
          runFileBytes: sql`excluded.run_file_bytes`,
          mediaBytes: sql`excluded.media_bytes`,
          otherBytes: sql`excluded.other_bytes`,
          byProject: sql`excluded.by_project`,
          computedAt: sql`excluded.computed_at`,
          level: sql`excluded.level`,
          notifiedLevel: sql`excluded.notified_level`,
          staleSince: null,
        },
      })
      .returning({ entityId: storageUsage.entityId });
  },
  saveHistory: (db: Db) => {
    const { storageHistory } = tables(db);
    return db
      .insert(storageHistory)
      .values({
        entityId: sql.placeholder("entityId"),
        hour: sql.placeholder("hour"),
        usedBytes: sql.placeholder("usedBytes"),
      })
      .onConflictDoUpdate({
        target: [storageHistory.entityId, storageHistory.hour],
        set: { usedBytes: sql`excluded.used_bytes` },
      })
      .returning({ entityId: storageHistory.entityId });
  },
};

async function storageRecipients(tx: Tx, entity: { id: string; kind: "user" | "team" }): Promise<string[]> {
  if (entity.kind === "user") return [entity.id];
  const { teamMembers } = tables(tx);
  const admins = await tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, entity.id), eq(teamMembers.role, "admin")));
  return admins.map((r) => r.userId);
}

export interface RecalculateOptions {
  now: Date;
  defaultQuotaBytes: number;
  /** Link in storage alerts, e.g. PUBLIC_URL/settings/storage. */
  settingsUrl: string;
}

type Entity = { id: string; name: string; kind: "user" | "team" };

/** An entity's new usage against its quota and the level its users were last told about. */
interface Settled {
  entity: Entity;
  usage: UsageBreakdown;
  quota: number;
  level: StorageLevel;
  transition: ReturnType<typeof levelTransition>;
}

function settle(entity: Entity, usage: UsageBreakdown, quota: number, notified: string | undefined): Settled {
  const level = storageLevel(usage.usedBytes, quota);
  return { entity, usage, quota, level, transition: levelTransition((notified ?? "ok") as StorageLevel, level) };
}

const hourOf = (now: Date) => new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);

/** Records the alert of a level change for the entity's users; returns deliveries to enqueue. */
async function notifyLevel(tx: Tx, s: Settled, o: RecalculateOptions): Promise<string[]> {
  if (!s.transition.notify) return [];
  const message = storageAlertMessage({
    entity: s.entity.name,
    level: s.level,
    usedBytes: s.usage.usedBytes,
    quotaBytes: s.quota,
  });
  // The level change itself is the guard (notifiedLevel moves in this transaction); the key
  // only has to be unique per change, as one level can be reached again after a re-arm.
  const change = crypto.randomUUID();
  const deliveryIds: string[] = [];
  for (const userId of await storageRecipients(tx, s.entity)) {
    const recorded = await recordNotification(tx, {
      userId,
      kind: "storage",
      idempotencyKey: `storage:${s.entity.id}:${s.level}:${change}:${userId}`,
      title: message.title,
      text: message.text,
      level: message.level,
      url: o.settingsUrl,
      now: o.now,
    });
    deliveryIds.push(...recorded.deliveryIds);
  }
  return deliveryIds;
}

/**
 * SQLite: one entity inside the caller's transaction, its statements prepared once per
 * connection (function calls, as fast as the sums need: tooling/bench storage-recalc). The
 * transaction holds the database's single write lock from BEGIN IMMEDIATE, so no write of
 * objects runs between the sums and the saved usage.
 */
async function recalculateInTx(tx: Tx, entity: Entity, o: RecalculateOptions): Promise<string[]> {
  const [previous] = await runPrepared(tx, prepared(tx, "recalc_notified", recalculation.notified), {
    entityId: entity.id,
  });
  const usage = await computeUsage(tx, entity.id);
  const [quotaRow] = await runPrepared(tx, prepared(tx, "recalc_quota", recalculation.quota), {
    entityId: entity.id,
  });
  const s = settle(entity, usage, quotaRow?.q ?? o.defaultQuotaBytes, previous?.notified);
  await runPrepared(tx, prepared(tx, "recalc_save_usage", recalculation.saveUsage), {
    entityId: entity.id,
    usedBytes: usage.usedBytes,
    artifactBytes: usage.byKind.artifact,
    runFileBytes: usage.byKind.run_file,
    mediaBytes: usage.byKind.media,
    otherBytes: usage.byKind.other,
    byProject: JSON.stringify(usage.byProject.slice(0, 50)),
    computedAt: o.now,
    level: s.level,
    notifiedLevel: s.transition.nextNotified,
  });
  await runPrepared(tx, prepared(tx, "recalc_save_history", recalculation.saveHistory), {
    entityId: entity.id,
    hour: hourOf(o.now),
    usedBytes: usage.usedBytes,
  });
  return notifyLevel(tx, s, o);
}

/*
 * PostgreSQL: the whole batch (the worker passes up to 500 entities) in four statements, where
 * going entity by entity cost a round trip to the server per statement — 5 per entity, 10.8×
 * the one-statement aggregate over 10 M objects (tooling/bench storage-recalc-pg). Dialect SQL:
 * array parameters (any, unnest), DISTINCT ON and data-modifying WITH have no SQLite form, and
 * Drizzle's multi-row inserts would build every value in JavaScript. The level changes and
 * their alerts stay per entity, in JavaScript (they run only when a level changes).
 *
 * The usage rows are locked before the objects are summed. On PostgreSQL (READ COMMITTED) a
 * concurrent write of objects marks the row stale inside its own transaction: either it holds
 * the row and this waits for its commit, then sums its objects too (the sums are a later
 * statement, with a later snapshot); or this holds the row and the write marks it stale again
 * after this commit, for the next recalculation. Summing first and locking after would clear a
 * write's stale mark without counting its objects. Rows are locked in entity_id order (the order
 * in which writes mark them), so two overlapping batches queue instead of deadlocking. A missing
 * row (an entity never written to nor recalculated) is created, then locked, after the others:
 * a first write to such an entity racing this batch can then deadlock, which PostgreSQL detects
 * and ends by failing one side (a job retried, or a write to retry); rare enough not to pay an
 * extra statement in every batch for.
 */
async function recalculateBatchPg(tx: Tx, entityIds: readonly string[], o: RecalculateOptions) {
  // The entities, their locked usage rows' notified level and their quota override, in one.
  const lock = (ids: readonly string[]) =>
    pgRows<Entity & { notified: StorageLevel; quota: string | null }>(
      tx,
      sql`select e.id, e.name, e.kind, u.notified_level as notified, q.quota_bytes as quota
        from entities e join storage_usage u on u.entity_id = e.id left join entity_quotas q on q.entity_id = e.id
        where e.id = any(${sql.param(ids)}::text[]) order by e.id for update of u`,
    );
  const requested = [...new Set(entityIds)];
  let locked = await lock(requested);
  if (locked.length < requested.length) {
    // Usage rows missing (an entity never recalculated nor written to, or no such entity): created,
    // then locked too. Most batches skip this: writes and earlier recalculations made the rows.
    const have = new Set(locked.map((e) => e.id));
    const missing = requested.filter((id) => !have.has(id)).sort();
    await pgRows(
      tx,
      sql`insert into storage_usage (entity_id) select id from entities where id = any(${sql.param(missing)}::text[])
        order by id on conflict do nothing`,
    );
    locked = [...locked, ...(await lock(missing))];
  }
  if (locked.length === 0) return { recalculated: 0, deliveryIds: [] as string[] };
  const sums = await pgRows<BreakdownRow & { entityId: string }>(tx, breakdownBatchPg(locked.map((e) => e.id)));
  const rowsOf = new Map<string, BreakdownRow[]>();
  for (const r of sums) {
    const list = rowsOf.get(r.entityId);
    if (list) list.push(r);
    else rowsOf.set(r.entityId, [r]);
  }
  const settled = locked.map(({ notified, quota, ...entity }) =>
    settle(
      entity,
      usageOf(rowsOf.get(entity.id) ?? []),
      quota === null ? o.defaultQuotaBytes : Number(quota),
      notified,
    ),
  );
  const column = <T>(pick: (s: Settled) => T) => sql.param(settled.map(pick));
  await pgRows(
    tx,
    sql`with usage as (
        insert into storage_usage (entity_id, used_bytes, artifact_bytes, run_file_bytes, media_bytes, other_bytes,
          by_project, level, notified_level, computed_at, stale_since)
        select u.*, ${o.now.toISOString()}::timestamptz, null from unnest(${column((s) => s.entity.id)}::text[],
          ${column((s) => s.usage.usedBytes)}::bigint[], ${column((s) => s.usage.byKind.artifact)}::bigint[],
          ${column((s) => s.usage.byKind.run_file)}::bigint[], ${column((s) => s.usage.byKind.media)}::bigint[],
          ${column((s) => s.usage.byKind.other)}::bigint[],
          ${column((s) => JSON.stringify(s.usage.byProject.slice(0, 50)))}::text[],
          ${column((s) => s.level)}::text[], ${column((s) => s.transition.nextNotified)}::text[])
          as u(entity_id, used_bytes, artifact_bytes, run_file_bytes, media_bytes, other_bytes, by_project, level,
            notified_level)
        on conflict (entity_id) do update set used_bytes = excluded.used_bytes,
          artifact_bytes = excluded.artifact_bytes, run_file_bytes = excluded.run_file_bytes,
          media_bytes = excluded.media_bytes, other_bytes = excluded.other_bytes, by_project = excluded.by_project,
          computed_at = excluded.computed_at, level = excluded.level, notified_level = excluded.notified_level,
          stale_since = null
        returning entity_id, used_bytes
      )
      insert into storage_history (entity_id, hour, used_bytes)
      select entity_id, ${hourOf(o.now).toISOString()}::timestamptz, used_bytes from usage
      on conflict (entity_id, hour) do update set used_bytes = excluded.used_bytes`,
  );
  const deliveryIds: string[] = [];
  for (const s of settled) deliveryIds.push(...(await notifyLevel(tx, s, o)));
  return { recalculated: settled.length, deliveryIds };
}

/** Recalculates some entities, one transaction for the batch. */
export async function recalculateStorage(db: Db, entityIds: readonly string[], o: RecalculateOptions) {
  if (entityIds.length === 0) return { recalculated: 0, deliveryIds: [] as string[] };
  return transaction(db, async (tx) => {
    if (dialectOf(tx) === "postgres") return recalculateBatchPg(tx, entityIds, o);
    const { entities } = tables(tx);
    const found = await tx
      .select({ id: entities.id, name: entities.name, kind: entities.kind })
      .from(entities)
      .where(inArray(entities.id, [...entityIds]));
    const deliveryIds: string[] = [];
    for (const e of found) deliveryIds.push(...(await recalculateInTx(tx, e, o)));
    return { recalculated: found.length, deliveryIds };
  });
}

export async function listEntityIds(db: Db, p: { afterId: string | null; limit: number }) {
  const { entities } = tables(db);
  const rows = await db
    .select({ id: entities.id })
    .from(entities)
    .where(p.afterId ? gt(entities.id, p.afterId) : undefined)
    .orderBy(asc(entities.id))
    .limit(p.limit);
  return rows.map((r) => r.id);
}

export async function countEntities(db: Db): Promise<number> {
  const { entities } = tables(db);
  const [row] = await db.select({ n: count() }).from(entities);
  return row?.n ?? 0;
}

/** Entities whose usage has been stale since before `before` (a lost recalculation job). */
export async function listStaleEntities(db: Db, p: { before: Date; limit: number }) {
  const { storageUsage } = tables(db);
  const rows = await db
    .select({ entityId: storageUsage.entityId })
    .from(storageUsage)
    .where(and(isNotNull(storageUsage.staleSince), lt(storageUsage.staleSince, p.before)))
    .limit(p.limit);
  return rows.map((r) => r.entityId);
}

/** Drops history points older than 90 days; returns how many went. */
export async function pruneStorageHistory(db: Db, now: Date): Promise<number> {
  const { storageHistory } = tables(db);
  const gone = await db
    .delete(storageHistory)
    .where(lt(storageHistory.hour, new Date(now.getTime() - HISTORY_DAYS * 24 * HOUR_MS)))
    .returning({ entityId: storageHistory.entityId });
  return gone.length;
}

export async function setEntityQuota(db: Db, p: { entityId: string; quotaBytes: number | null }) {
  const { entityQuotas } = tables(db);
  if (p.quotaBytes === null) await db.delete(entityQuotas).where(eq(entityQuotas.entityId, p.entityId));
  else
    await db
      .insert(entityQuotas)
      .values({ entityId: p.entityId, quotaBytes: p.quotaBytes })
      .onConflictDoUpdate({ target: entityQuotas.entityId, set: { quotaBytes: p.quotaBytes } });
}

/** The stored usage of an entity as the API shows it (history of the last `historyDays`). */
export async function getEntityStorage(
  db: Db,
  p: { entityId: string; defaultQuotaBytes: number; historyDays: number; now: Date },
) {
  const { storageUsage, entityQuotas, projects, storageHistory } = tables(db);
  const [usage] = await db.select().from(storageUsage).where(eq(storageUsage.entityId, p.entityId)).limit(1);
  const [quota] = await db
    .select({ q: entityQuotas.quotaBytes })
    .from(entityQuotas)
    .where(eq(entityQuotas.entityId, p.entityId))
    .limit(1);
  const quotaBytes = quota?.q ?? p.defaultQuotaBytes;
  const byProjectIds = JSON.parse(usage?.byProject ?? "[]") as { projectId: string; bytes: number }[];
  const names = byProjectIds.length
    ? new Map(
        (
          await db
            .select({ id: projects.id, name: projects.name })
            .from(projects)
            .where(
              inArray(
                projects.id,
                byProjectIds.map((b) => b.projectId),
              ),
            )
        ).map((r) => [r.id, r.name]),
      )
    : new Map<string, string>();
  const history = await db
    .select({ at: storageHistory.hour, usedBytes: storageHistory.usedBytes })
    .from(storageHistory)
    .where(
      and(
        eq(storageHistory.entityId, p.entityId),
        gt(storageHistory.hour, new Date(p.now.getTime() - p.historyDays * 24 * HOUR_MS)),
      ),
    )
    .orderBy(asc(storageHistory.hour));
  const usedBytes = usage?.usedBytes ?? 0;
  return {
    usedBytes,
    quotaBytes,
    level: storageLevel(usedBytes, quotaBytes),
    computedAt: usage?.computedAt ?? null,
    stale: usage?.staleSince != null,
    byKind: {
      artifact: usage?.artifactBytes ?? 0,
      run_file: usage?.runFileBytes ?? 0,
      media: usage?.mediaBytes ?? 0,
      other: usage?.otherBytes ?? 0,
    },
    byProject: byProjectIds.map((b) => ({ project: names.get(b.projectId) ?? "(deleted)", bytes: b.bytes })),
    history,
  };
}
