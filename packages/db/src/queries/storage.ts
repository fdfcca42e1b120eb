import {
  levelTransition,
  STORAGE_KINDS,
  type StorageKind,
  type StorageLevel,
  storageAlertMessage,
  storageLevel,
} from "@homebase/core";
import { and, asc, eq, gt, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { entities, entityQuotas, projects, storageHistory, storageObjects, storageUsage, teamMembers } from "../schema";
import { recordNotification } from "./notifications";
import type { Tx } from "./tx";

export interface NewStorageObject {
  entityId: string;
  projectId: string;
  kind: StorageKind;
  path: string;
  size: number;
  digest: string;
}

const HOUR_MS = 3600_000;
const HISTORY_DAYS = 90;

/** Marks an entity's usage stale inside a transaction that changed its objects: the recalculation's and sweeper's to-do list. */
export function markStale(tx: Tx, entityId: string, now: Date) {
  tx.insert(storageUsage)
    .values({ entityId, staleSince: now })
    .onConflictDoUpdate({
      target: storageUsage.entityId,
      set: { staleSince: sql`coalesce(${storageUsage.staleSince}, ${now.getTime()})` },
    })
    .run();
}

/** Stores objects, all or nothing, and marks each touched entity's usage stale. Returns their ids in order. */
export async function insertStorageObjects(
  db: Db,
  p: { objects: readonly NewStorageObject[]; now: Date },
): Promise<number[]> {
  return db.transaction(
    (tx) => {
      const ids: number[] = [];
      // Chunks keep each statement under SQLite's bound-parameter limit.
      for (let i = 0; i < p.objects.length; i += 100) {
        const rows = p.objects.slice(i, i + 100).map((o) => ({ ...o, createdAt: p.now }));
        for (const r of tx.insert(storageObjects).values(rows).returning({ id: storageObjects.id }).all())
          ids.push(r.id);
      }
      for (const entityId of new Set(p.objects.map((o) => o.entityId))) markStale(tx, entityId, p.now);
      return ids;
    },
    { behavior: "immediate" },
  );
}

/** Deletes an object when it belongs to one of `entityIds`; returns its entity, or undefined. */
export async function deleteStorageObject(db: Db, p: { id: number; entityIds: ReadonlySet<string>; now: Date }) {
  return db.transaction(
    (tx) => {
      const row = tx
        .select({ entityId: storageObjects.entityId })
        .from(storageObjects)
        .where(eq(storageObjects.id, p.id))
        .get();
      if (!row || !p.entityIds.has(row.entityId)) return undefined;
      tx.delete(storageObjects).where(eq(storageObjects.id, p.id)).run();
      markStale(tx, row.entityId, p.now);
      return row.entityId;
    },
    { behavior: "immediate" },
  );
}

export interface UsageBreakdown {
  usedBytes: number;
  byKind: Record<StorageKind, number>;
  byProject: { projectId: string; bytes: number }[];
}

/*
 * One entity's deduplicated usage in one statement through the covering index: each digest
 * counts once, with the size, kind and project of its first stored copy (SQLite returns the
 * bare columns of the MIN(id) row). A PostgreSQL port would use DISTINCT ON (digest) ORDER BY id.
 */
const BREAKDOWN_SQL = `
  select kind, project_id as projectId, sum(size) as bytes from (
    select min(id), size, kind, project_id from storage_objects where entity_id = ? group by digest
  ) group by kind, project_id`;

const breakdownStatements = new WeakMap<object, { all(entityId: string): unknown[] }>();

/** Runs on the connection itself, so inside a transaction of `db` it sees that transaction. */
export function computeUsage(db: Db, entityId: string): UsageBreakdown {
  const client = db.$client;
  let stmt = breakdownStatements.get(client);
  if (!stmt) {
    const prepared = client.prepare(BREAKDOWN_SQL);
    stmt = { all: (id: string) => prepared.all(id) };
    breakdownStatements.set(client, stmt);
  }
  const rows = stmt.all(entityId) as { kind: StorageKind; projectId: string; bytes: number }[];
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
 * The statements a recalculation runs for every entity, built by Drizzle and compiled by SQLite
 * once per connection. Building and preparing them again for each entity cost about five times
 * the deduplicated sums themselves (tooling/bench storage-recalc). Like computeUsage, they run
 * on the connection, so inside a transaction of `db` they take part in it.
 */
function prepareRecalculation(db: Db) {
  const entityId = sql.placeholder("entityId");
  return {
    quota: db
      .select({ q: entityQuotas.quotaBytes })
      .from(entityQuotas)
      .where(eq(entityQuotas.entityId, entityId))
      .prepare(),
    notified: db
      .select({ notified: storageUsage.notifiedLevel })
      .from(storageUsage)
      .where(eq(storageUsage.entityId, entityId))
      .prepare(),
    saveUsage: db
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
      .prepare(),
    saveHistory: db
      .insert(storageHistory)
      .values({ entityId, hour: sql.placeholder("hour"), usedBytes: sql.placeholder("usedBytes") })
      .onConflictDoUpdate({
        target: [storageHistory.entityId, storageHistory.hour],
        set: { usedBytes: sql`excluded.used_bytes` },
      })
      .prepare(),
  };
}

const recalculationStatements = new WeakMap<object, ReturnType<typeof prepareRecalculation>>();

function recalculation(db: Db) {
  let statements = recalculationStatements.get(db.$client);
  if (!statements) {
    statements = prepareRecalculation(db);
    recalculationStatements.set(db.$client, statements);
  }
  return statements;
}

function storageRecipients(tx: Tx, entity: { id: string; kind: "user" | "team" }): string[] {
  if (entity.kind === "user") return [entity.id];
  return tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, entity.id), eq(teamMembers.role, "admin")))
    .all()
    .map((r) => r.userId);
}

export interface RecalculateOptions {
  now: Date;
  defaultQuotaBytes: number;
  /** Link in storage alerts, e.g. PUBLIC_URL/settings/storage. */
  settingsUrl: string;
}

/** Recalculates one entity inside the caller's transaction; returns deliveries to enqueue. */
function recalculateInTx(
  db: Db,
  tx: Tx,
  entity: { id: string; name: string; kind: "user" | "team" },
  o: RecalculateOptions,
): string[] {
  const statements = recalculation(db);
  const usage = computeUsage(db, entity.id);
  const quota = statements.quota.get({ entityId: entity.id })?.q ?? o.defaultQuotaBytes;
  const level = storageLevel(usage.usedBytes, quota);
  const previous = statements.notified.get({ entityId: entity.id });
  const transition = levelTransition((previous?.notified ?? "ok") as StorageLevel, level);
  statements.saveUsage.run({
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
  statements.saveHistory.run({ entityId: entity.id, hour, usedBytes: usage.usedBytes });
  if (!transition.notify) return [];
  const message = storageAlertMessage({ entity: entity.name, level, usedBytes: usage.usedBytes, quotaBytes: quota });
  // The level change itself is the guard (notifiedLevel moves in this transaction); the key
  // only has to be unique per change, as one level can be reached again after a re-arm.
  const change = crypto.randomUUID();
  return storageRecipients(tx, entity).flatMap(
    (userId) =>
      recordNotification(tx, {
        userId,
        kind: "storage",
        idempotencyKey: `storage:${entity.id}:${level}:${change}:${userId}`,
        title: message.title,
        text: message.text,
        level: message.level,
        url: o.settingsUrl,
        now: o.now,
      }).deliveryIds,
  );
}

/** Recalculates some entities, one transaction for the batch. */
export async function recalculateStorage(db: Db, entityIds: readonly string[], o: RecalculateOptions) {
  if (entityIds.length === 0) return { recalculated: 0, deliveryIds: [] as string[] };
  return db.transaction(
    (tx) => {
      const found = tx
        .select({ id: entities.id, name: entities.name, kind: entities.kind })
        .from(entities)
        .where(inArray(entities.id, [...entityIds]))
        .all();
      const deliveryIds = found.flatMap((e) => recalculateInTx(db, tx, e, o));
      return { recalculated: found.length, deliveryIds };
    },
    { behavior: "immediate" },
  );
}

/** Entity ids in id order after `afterId`, for full recalculations in batches. */
export async function listEntityIds(db: Db, p: { afterId: string | null; limit: number }) {
  return db
    .select({ id: entities.id })
    .from(entities)
    .where(p.afterId ? gt(entities.id, p.afterId) : undefined)
    .orderBy(asc(entities.id))
    .limit(p.limit)
    .all()
    .map((r) => r.id);
}

export async function countEntities(db: Db): Promise<number> {
  return db.$count(entities);
}

/** Entities whose usage has been stale since before `before` (a lost recalculation job). */
export async function listStaleEntities(db: Db, p: { before: Date; limit: number }) {
  return db
    .select({ entityId: storageUsage.entityId })
    .from(storageUsage)
    .where(and(isNotNull(storageUsage.staleSince), lt(storageUsage.staleSince, p.before)))
    .limit(p.limit)
    .all()
    .map((r) => r.entityId);
}

/** Drops history points older than 90 days. */
export async function pruneStorageHistory(db: Db, now: Date): Promise<number> {
  return db
    .delete(storageHistory)
    .where(lt(storageHistory.hour, new Date(now.getTime() - HISTORY_DAYS * 24 * HOUR_MS)))
    .run().changes;
}

export async function setEntityQuota(db: Db, p: { entityId: string; quotaBytes: number | null }) {
  if (p.quotaBytes === null) db.delete(entityQuotas).where(eq(entityQuotas.entityId, p.entityId)).run();
  else
    db.insert(entityQuotas)
      .values({ entityId: p.entityId, quotaBytes: p.quotaBytes })
      .onConflictDoUpdate({ target: entityQuotas.entityId, set: { quotaBytes: p.quotaBytes } })
      .run();
}

/** The stored usage of an entity as the API shows it (history of the last `historyDays`). */
export async function getEntityStorage(
  db: Db,
  p: { entityId: string; defaultQuotaBytes: number; historyDays: number; now: Date },
) {
  const usage = db.select().from(storageUsage).where(eq(storageUsage.entityId, p.entityId)).get();
  const quotaBytes =
    db.select({ q: entityQuotas.quotaBytes }).from(entityQuotas).where(eq(entityQuotas.entityId, p.entityId)).get()
      ?.q ?? p.defaultQuotaBytes;
  const byProjectIds = JSON.parse(usage?.byProject ?? "[]") as { projectId: string; bytes: number }[];
  const names = byProjectIds.length
    ? new Map(
        db
          .select({ id: projects.id, name: projects.name })
          .from(projects)
          .where(
            inArray(
              projects.id,
              byProjectIds.map((b) => b.projectId),
            ),
          )
          .all()
          .map((r) => [r.id, r.name]),
      )
    : new Map<string, string>();
  const history = db
    .select({ at: storageHistory.hour, usedBytes: storageHistory.usedBytes })
    .from(storageHistory)
    .where(
      and(
        eq(storageHistory.entityId, p.entityId),
        gt(storageHistory.hour, new Date(p.now.getTime() - p.historyDays * 24 * HOUR_MS)),
      ),
    )
    .orderBy(asc(storageHistory.hour))
    .all();
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
