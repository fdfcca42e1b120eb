import { STORAGE_HISTORY_DAYS, type StorageKind, usedFraction } from "@homebase/core";
import {
  deleteStorageObject,
  ensureProject,
  findEntityByName,
  getEntityStorage,
  getTeamRole,
  insertStorageObjects,
  setEntityQuota,
} from "@homebase/db";
import {
  enqueueAllStorageRecalculation,
  enqueueStorageRecalculation,
  enqueueStorageRecalculationNow,
  getJobStatus,
  type JobSubject,
} from "@homebase/jobs";
import type { Context } from "hono";
import { boundedWait, RedisTimeoutError } from "../lib/bounded";
import type { AppDeps, PrincipalEnv } from "../lib/context";
import { HttpProblem } from "../lib/problem";
import { entityForWrite, writableEntityIds } from "../lib/run-access";

/**
 * The storage rules behind the storage routes: who may read an entity's usage or a
 * recalculation, how reported objects resolve their entity and project, and when usage is
 * recalculated. The usage itself is computed in packages/db; job ids and options live in
 * packages/jobs.
 */

export interface StorageObjectInput {
  entity?: string | undefined;
  project: string;
  kind: StorageKind;
  path: string;
  size: number;
  digest: string;
}

/** The usage document of an entity, as GET …/storage answers it. */
export async function storageDocument(deps: Required<AppDeps>, entity: { id: string; name: string }) {
  const s = await getEntityStorage(deps.db, {
    entityId: entity.id,
    defaultQuotaBytes: deps.config.defaultStorageQuotaBytes,
    historyDays: STORAGE_HISTORY_DAYS,
    now: deps.clock.now(),
  });
  return {
    entity: entity.name,
    usedBytes: s.usedBytes,
    quotaBytes: s.quotaBytes,
    defaultQuotaBytes: deps.config.defaultStorageQuotaBytes,
    usedFraction: usedFraction(s.usedBytes, s.quotaBytes),
    level: s.level,
    computedAt: s.computedAt ? s.computedAt.toISOString() : null,
    byKind: s.byKind,
    byProject: s.byProject,
    history: s.history.map((h) => ({ at: h.at.toISOString(), usedBytes: h.usedBytes })),
  };
}

/** The caller's personal entity (`/me/storage`): 403 for a service account, which has none. */
export function personalEntity(c: Context<PrincipalEnv>): { id: string; name: string } {
  const p = c.var.principal;
  if (p.kind === "service-account") throw new HttpProblem(403, "Service accounts have no personal entity.");
  return { id: p.user.id, name: p.user.username };
}

/** An entity the caller may read: a member (or the team's service account), or any entity for org admins. */
export async function readableEntity(c: Context<PrincipalEnv>, name: string, allowOrgAdmin: boolean) {
  const { db } = c.var.deps;
  const entity = await findEntityByName(db, name);
  const principal = c.var.principal;
  if (entity) {
    if (principal.kind === "service-account" ? principal.team.id === entity.id : false) return entity;
    if (principal.kind !== "service-account") {
      if (entity.id === principal.user.id) return entity;
      if (entity.kind === "team" && (await getTeamRole(db, entity.id, principal.user.id))) return entity;
      if (allowOrgAdmin && principal.user.isAdmin) return entity;
    }
  }
  throw new HttpProblem(404, `There is no entity "${name}" that you can see.`);
}

/** Whether the caller may see a storage job: members of its entity; organisation admins any. */
async function mayReadJob(c: Context<PrincipalEnv>, job: JobSubject): Promise<boolean> {
  const p = c.var.principal;
  if (p.kind !== "service-account" && p.user.isAdmin) return true;
  if (job.entityId === null) return false;
  return (await writableEntityIds(c)).has(job.entityId);
}

/** A Redis answer the route cannot do without: 503 with Retry-After when Redis does not answer in time. */
async function redisOr503<T>(work: Promise<T>): Promise<T> {
  try {
    return await boundedWait(work);
  } catch (err) {
    if (!(err instanceof RedisTimeoutError) && !/redis|connect|ECONN|closed/i.test((err as Error).message)) throw err;
    throw new HttpProblem(503, "The job queue is briefly unavailable. Try again shortly.", {
      headers: { "Retry-After": "5" },
    });
  }
}

/** Debounced recalculations of these entities; if Redis is away, the sweeper catches up. */
async function enqueueRecalculations(c: Context<PrincipalEnv>, entityIds: Iterable<string>) {
  const { queues, logger, clock } = c.var.deps;
  const now = clock.now().getTime();
  for (const entityId of new Set(entityIds)) {
    // The usage row is marked stale in the database: if Redis is down, the sweeper catches up.
    await boundedWait(enqueueStorageRecalculation(queues, entityId, now)).catch((err: Error) =>
      logger.warn({ err: err.message }, "storage recalculation not enqueued; the sweeper will retry"),
    );
  }
}

/** Resolves entity and project of each object (once per pair) and stores them all or nothing. */
export async function storeObjects(c: Context<PrincipalEnv>, objects: StorageObjectInput[]) {
  const { db, clock } = c.var.deps;
  const principal = c.var.principal;
  const userId = principal.kind === "service-account" ? null : principal.user.id;
  const entities = new Map<string, Awaited<ReturnType<typeof entityForWrite>>>();
  const projects = new Map<string, string>();
  const rows = [];
  for (const o of objects) {
    const entityKey = o.entity?.trim().toLowerCase() ?? "";
    let entity = entities.get(entityKey);
    if (!entity) {
      entity = await entityForWrite(c, o.entity ?? null);
      entities.set(entityKey, entity);
    }
    const projectKey = `${entity.id}/${o.project}`;
    let projectId = projects.get(projectKey);
    if (!projectId) {
      projectId = (await ensureProject(db, { entityId: entity.id, name: o.project, userId })).id;
      projects.set(projectKey, projectId);
    }
    rows.push({ entityId: entity.id, projectId, kind: o.kind, path: o.path, size: o.size, digest: o.digest });
  }
  const ids = await insertStorageObjects(db, { objects: rows, now: clock.now() });
  await enqueueRecalculations(
    c,
    rows.map((r) => r.entityId),
  );
  return ids.map(String);
}

/** Deletes object `id` if the caller may write to its entity; false when there is no such object. */
export async function deleteObject(c: Context<PrincipalEnv>, id: string): Promise<boolean> {
  const numeric = /^\d{1,16}$/.test(id) ? Number(id) : Number.NaN;
  const entityId = Number.isSafeInteger(numeric)
    ? await deleteStorageObject(c.var.deps.db, {
        id: numeric,
        entityIds: await writableEntityIds(c),
        now: c.var.deps.clock.now(),
      })
    : undefined;
  if (!entityId) return false;
  await enqueueRecalculations(c, [entityId]);
  return true;
}

/** Any entity by name, for organisation admins: 404 when there is none. */
export async function existingEntity(c: Context<PrincipalEnv>, name: string) {
  const entity = await findEntityByName(c.var.deps.db, name);
  if (!entity) throw new HttpProblem(404, `There is no entity "${name}".`);
  return entity;
}

/** Sets (or with null, clears) the entity's quota and recalculates its usage. */
export async function setQuota(c: Context<PrincipalEnv>, entity: { id: string }, quotaBytes: number | null) {
  await setEntityQuota(c.var.deps.db, { entityId: entity.id, quotaBytes });
  await enqueueRecalculations(c, [entity.id]);
}

/** Starts a recalculation of one entity now; 503 when Redis does not answer. */
export async function recalculateNow(c: Context<PrincipalEnv>, entityId: string) {
  return redisOr503(enqueueStorageRecalculationNow(c.var.deps.queues, entityId));
}

/** Starts a recalculation of every entity; 503 when Redis does not answer. */
export async function recalculateAll(c: Context<PrincipalEnv>) {
  return redisOr503(enqueueAllStorageRecalculation(c.var.deps.queues));
}

/** The status of a storage job the caller may see, else null; 503 when Redis does not answer. */
export async function storageJobStatus(c: Context<PrincipalEnv>, id: string) {
  return redisOr503(getJobStatus(c.var.deps.queues, "storage", id, (job) => mayReadJob(c, job)));
}
