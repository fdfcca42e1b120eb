import {
  levelTransition,
  STORAGE_HISTORY_DAYS as HISTORY_DAYS,
  STORAGE_KINDS,
  type StorageKind,
  type StorageLevel,
  storageAlertMessage,
  storageLevel,
} from "@homebase/core";
import type Database from "better-sqlite3";
import { and, asc, count, eq, gt, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { dialectOf, tables } from "../dialect";
import { recordNotification } from "./notifications";
import { columnPlaceholder, prepared, runPrepared } from "./prepared";
import { forUpdate, type Tx, transaction, whenConnectionFree } from "./tx";

export interface NewStorageObject {
  entityId: string;
  projectId: string;
  kind: StorageKind;
  path: string;
  size: number;
  digest: string;
}

const HOUR_MS = 3600_000;

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
  return transaction(db, async (tx) => {
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

const breakdownStatements = new WeakMap<Database.Database, Database.Statement>();

type BreakdownRow = { kind: StorageKind; projectId: string; bytes: number | string };

async function breakdownRows(q: Db | Tx, entityId: string): Promise<BreakdownRow[]> {
  if (dialectOf(q) === "postgres") {
    const result = await (q as unknown as { execute(query: unknown): Promise<{ rows: BreakdownRow[] }> }).execute(
      breakdownPg(entityId),
    );
    return result.rows;
  }
  const client = q.$client;
  let stmt = breakdownStatements.get(client);
  if (!stmt) {
    stmt = client.prepare(BREAKDOWN_SQL);
    breakdownStatements.set(client, stmt);
  }
  const statement = stmt;
  return whenConnectionFree(q, () => statement.all(entityId) as BreakdownRow[]);
}

/**
 * One entity's usage in bytes, total and by kind and project (largest first). Pass the
 * transaction's handle inside a transaction so that it sees (and on SQLite waits for nothing
 * but) that transaction.
 */
export async function computeUsage(db: Db | Tx, entityId: string): Promise<UsageBreakdown> {
  // PostgreSQL's sum(bigint) is numeric, which node-postgres reads as text.
  const rows = (await breakdownRows(db, entityId)).map((r) => ({ ...r, bytes: Number(r.bytes) }));
  const byKind = Object.fromEntries(STORAGE_KINDS.map((k) => [k, 0])) as Record<StorageKind, number>;
  const projectBytes = new Map<string, number>();
  let usedBytes = 0;
  for (const r of rows) {
    usedBytes += r.bytes;
    byKind[r.kind] += r.bytes;
    projectBytes.set(r.projectId, (projectBytes.get(r.projectId) ?? 0) + r.bytes);
  }
  const byProject = [...projectBytes]
    .map(([projectId, bytes]) => ({ projectId, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
  return { usedBytes, byKind, byProject };
}

/*
 * The statements a recalculation runs for every entity, built by Drizzle once (see prepared.ts):
 * on SQLite compiled once per connection, on PostgreSQL once per transaction (a batch of
 * entities), as they must run on the transaction's connection. Building them again for each
 * entity cost about five times the deduplicated sums themselves (tooling/bench storage-recalc).
 */
const recalculation = {
  quota: (db: Db) => {
    const { entityQuotas } = tables(db);
    return db
      .select({ q: entityQuotas.quotaBytes })
      .from(entityQuotas)
      .where(eq(entityQuotas.entityId, columnPlaceholder(entityQuotas.entityId, "entityId")));
  },
  // Locked on PostgreSQL: two workers recalculating one entity at once move its notified level
  // (and so raise its alert) one after the other.
  notified: (db: Db) => {
    const { storageUsage } = tables(db);
    return forUpdate(
      db,
      db
        .select({ notified: storageUsage.notifiedLevel })
        .from(storageUsage)
        .where(eq(storageUsage.entityId, columnPlaceholder(storageUsage.entityId, "entityId"))),
    );
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

/** Recalculates one entity inside the caller's transaction; returns deliveries to enqueue. */
async function recalculateInTx(
  tx: Tx,
  entity: { id: string; name: string; kind: "user" | "team" },
  o: RecalculateOptions,
): Promise<string[]> {
  // The usage row is locked before the objects are summed. On PostgreSQL (READ COMMITTED) a
  // concurrent write of objects marks the row stale inside its own transaction: either it holds
  // the row and this waits for its commit, then sums its objects too; or this holds the row and
  // the write marks it stale again after this commit, for the next recalculation. Summing first
  // and locking after would clear a write's stale mark without counting its objects. A missing
  // row is created first so that there is a row to lock (SQLite runs one transaction at a time).
  let [previous] = await runPrepared(tx, prepared(tx, "recalc_notified", recalculation.notified), {
    entityId: entity.id,
  });
  if (!previous && dialectOf(tx) === "postgres") {
    const { storageUsage } = tables(tx);
    await tx.insert(storageUsage).values({ entityId: entity.id }).onConflictDoNothing();
    [previous] = await runPrepared(tx, prepared(tx, "recalc_notified", recalculation.notified), {
      entityId: entity.id,
    });
  }
  const usage = await computeUsage(tx, entity.id);
  const [quotaRow] = await runPrepared(tx, prepared(tx, "recalc_quota", recalculation.quota), {
    entityId: entity.id,
  });
  const quota = quotaRow?.q ?? o.defaultQuotaBytes;
  const level = storageLevel(usage.usedBytes, quota);
  const transition = levelTransition((previous?.notified ?? "ok") as StorageLevel, level);
  await runPrepared(tx, prepared(tx, "recalc_save_usage", recalculation.saveUsage), {
    entityId: entity.id,
    usedBytes: usage.usedBytes,
    artifactBytes: usage.byKind.artifact,
    runFileBytes: usage.byKind.run_file,
    mediaBytes: usage.byKind.media,
    otherBytes: usage.byKind.other,
    byProject: JSON.stringify(usage.byProject.slice(0, 50)),
    computedAt: o.now,
    level,
    notifiedLevel: transition.nextNotified,
  });
  const hour = new Date(Math.floor(o.now.getTime() / HOUR_MS) * HOUR_MS);
  await runPrepared(tx, prepared(tx, "recalc_save_history", recalculation.saveHistory), {
    entityId: entity.id,
    hour,
    usedBytes: usage.usedBytes,
  });
  if (!transition.notify) return [];
  const message = storageAlertMessage({ entity: entity.name, level, usedBytes: usage.usedBytes, quotaBytes: quota });
  // The level change itself is the guard (notifiedLevel moves in this transaction); the key
  // only has to be unique per change, as one level can be reached again after a re-arm.
  const change = crypto.randomUUID();
  const deliveryIds: string[] = [];
  for (const userId of await storageRecipients(tx, entity)) {
    const recorded = await recordNotification(tx, {
      userId,
      kind: "storage",
      idempotencyKey: `storage:${entity.id}:${level}:${change}:${userId}`,
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

/** Recalculates some entities, one transaction for the batch. */
export async function recalculateStorage(db: Db, entityIds: readonly string[], o: RecalculateOptions) {
  if (entityIds.length === 0) return { recalculated: 0, deliveryIds: [] as string[] };
  return transaction(db, async (tx) => {
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

/** Entity ids in id order after `afterId`, for full recalculations in batches. */
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
