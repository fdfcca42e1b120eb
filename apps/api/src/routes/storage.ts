import { randomUUID } from "node:crypto";
import { STORAGE_KINDS, usedFraction } from "@homebase/core";
import {
  deleteStorageObject,
  ensureProject,
  findEntityByName,
  getEntityStorage,
  getTeamRole,
  insertStorageObjects,
  setEntityQuota,
} from "@homebase/db";
import { enqueueStorageRecalculation } from "@homebase/jobs";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { boundedWait, RedisTimeoutError } from "../lib/bounded";
import type { AppDeps, PrincipalEnv } from "../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";
import { entityForWrite, writableEntityIds } from "../lib/run-access";
import { ProjectName } from "./runs";

const HISTORY_DAYS = 90;

const ObjectSchema = z.object({
  entity: z.string().max(64).optional(),
  project: ProjectName,
  kind: z.enum(STORAGE_KINDS),
  path: z.string().min(1, "Give the object's path.").max(4096, "Must be at most 4096 characters."),
  size: z
    .number({ error: "Must be a whole number of bytes." })
    .int("Must be a whole number of bytes.")
    .min(0, "Must not be negative.")
    .max(Number.MAX_SAFE_INTEGER, "Must be at most 2^53 − 1."),
  digest: z.string().min(1, "Give the content digest.").max(256, "Must be at most 256 characters."),
});

export const StorageSchema = z
  .object({
    entity: z.string(),
    usedBytes: z.number(),
    quotaBytes: z.number(),
    usedFraction: z.number(),
    level: z.enum(["ok", "caution", "warning", "danger", "exceeded"]),
    computedAt: z.string().nullable(),
    byKind: z.object({ artifact: z.number(), run_file: z.number(), media: z.number(), other: z.number() }),
    byProject: z.array(z.object({ project: z.string(), bytes: z.number() })),
    history: z.array(z.object({ at: z.string(), usedBytes: z.number() })),
  })
  .openapi("StorageUsage");

const createObject = createRoute({
  method: "post",
  path: "/storage/objects",
  tags: ["Storage"],
  summary: "Report a stored object (same digest in one entity counts once)",
  request: { body: jsonBody(ObjectSchema) },
  responses: { 201: jsonResponse(z.object({ id: z.string() }), "Stored"), ...problems(401, 404, 422) },
});

const createBatch = createRoute({
  method: "post",
  path: "/storage/objects/batch",
  tags: ["Storage"],
  summary: "Report up to 1,000 objects, all or nothing",
  request: {
    body: jsonBody(
      z.object({
        objects: z.array(ObjectSchema).min(1, "Send at least one object.").max(1000, "Send at most 1,000 objects."),
      }),
    ),
  },
  responses: { 201: jsonResponse(z.object({ ids: z.array(z.string()) }), "Stored"), ...problems(401, 404, 413, 422) },
});

const deleteObject = createRoute({
  method: "delete",
  path: "/storage/objects/{id}",
  tags: ["Storage"],
  summary: "Delete a reported object; it stops counting",
  request: { params: z.object({ id: z.string().max(20) }) },
  responses: { 204: { description: "Deleted" }, ...problems(401, 404) },
});

const getStorage = createRoute({
  method: "get",
  path: "/entities/{entity}/storage",
  tags: ["Storage"],
  summary: "Usage against the quota (members)",
  request: { params: z.object({ entity: z.string().max(64) }) },
  responses: { 200: jsonResponse(StorageSchema, "Usage"), ...problems(401, 404) },
});

const getMyStorage = createRoute({
  method: "get",
  path: "/me/storage",
  tags: ["Storage"],
  summary: "Usage of your personal entity",
  responses: { 200: jsonResponse(StorageSchema, "Usage"), ...problems(401, 403) },
});

const recalculate = createRoute({
  method: "post",
  path: "/entities/{entity}/storage/recalculate",
  tags: ["Storage"],
  summary: "Recalculate now (members for their entities, organisation admins for any)",
  request: { params: z.object({ entity: z.string().max(64) }) },
  responses: { 202: jsonResponse(z.object({ jobId: z.string() }), "Queued"), ...problems(401, 404) },
});

const jobStatus = createRoute({
  method: "get",
  path: "/storage/jobs/{id}",
  tags: ["Storage"],
  summary: "Progress of a recalculation",
  request: { params: z.object({ id: z.string().max(200) }) },
  responses: {
    200: jsonResponse(
      z.object({
        id: z.string(),
        state: z.enum(["waiting", "delayed", "active", "completed", "failed", "unknown"]),
        progress: z.number(),
      }),
      "Job",
    ),
    ...problems(401, 404),
  },
});

const putQuota = createRoute({
  method: "put",
  path: "/admin/entities/{entity}/quota",
  tags: ["Storage"],
  summary: "Override an entity's quota; null returns to the default (organisation admins)",
  request: {
    params: z.object({ entity: z.string().max(64) }),
    body: jsonBody(z.object({ quotaBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable() })),
  },
  responses: { 200: jsonResponse(StorageSchema, "Usage"), ...problems(401, 403, 404, 422) },
});

const recalculateAll = createRoute({
  method: "post",
  path: "/admin/storage/recalculate",
  tags: ["Storage"],
  summary: "Recalculate every entity (organisation admins)",
  responses: { 202: jsonResponse(z.object({ jobId: z.string() }), "Queued"), ...problems(401, 403) },
});

async function storageDocument(deps: Required<AppDeps>, entity: { id: string; name: string }) {
  const s = await getEntityStorage(deps.db, {
    entityId: entity.id,
    defaultQuotaBytes: deps.config.defaultStorageQuotaBytes,
    historyDays: HISTORY_DAYS,
    now: deps.clock.now(),
  });
  return {
    entity: entity.name,
    usedBytes: s.usedBytes,
    quotaBytes: s.quotaBytes,
    usedFraction: usedFraction(s.usedBytes, s.quotaBytes),
    level: s.level,
    computedAt: s.computedAt ? s.computedAt.toISOString() : null,
    byKind: s.byKind,
    byProject: s.byProject,
    history: s.history.map((h) => ({ at: h.at.toISOString(), usedBytes: h.usedBytes })),
  };
}

/** An entity the caller may read: a member (or the team's service account), or any entity for org admins. */
async function readableEntity(c: Context<PrincipalEnv>, name: string, allowOrgAdmin: boolean) {
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
async function mayReadJob(c: Context<PrincipalEnv>, data: { entityId?: unknown }): Promise<boolean> {
  const p = c.var.principal;
  if (p.kind !== "service-account" && p.user.isAdmin) return true;
  if (typeof data.entityId !== "string") return false;
  return (await writableEntityIds(c)).has(data.entityId);
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

function requireOrgAdmin(c: Context<PrincipalEnv>) {
  const p = c.var.principal;
  if (p.kind === "service-account" || !p.user.isAdmin)
    throw new HttpProblem(403, "Only organisation admins can do this.");
}

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

type ObjectInput = z.infer<typeof ObjectSchema>;

/** Resolves entity and project of each object (once per pair) and stores them all or nothing. */
async function storeObjects(c: Context<PrincipalEnv>, objects: ObjectInput[]) {
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

export function storageRouter() {
  return createRouter<PrincipalEnv>()
    .openapi(createObject, async (c) => {
      const [id] = await storeObjects(c, [c.req.valid("json")]);
      return c.json({ id: id! }, 201);
    })
    .openapi(createBatch, async (c) => c.json({ ids: await storeObjects(c, c.req.valid("json").objects) }, 201))
    .openapi(deleteObject, async (c) => {
      const { id } = c.req.valid("param");
      const numeric = /^\d{1,16}$/.test(id) ? Number(id) : Number.NaN;
      const entityId = Number.isSafeInteger(numeric)
        ? await deleteStorageObject(c.var.deps.db, {
            id: numeric,
            entityIds: await writableEntityIds(c),
            now: c.var.deps.clock.now(),
          })
        : undefined;
      if (!entityId) throw new HttpProblem(404, `There is no object ${id} that you can delete.`);
      await enqueueRecalculations(c, [entityId]);
      return c.body(null, 204);
    })
    .openapi(getStorage, async (c) => {
      const entity = await readableEntity(c, c.req.valid("param").entity, true);
      return c.json(await storageDocument(c.var.deps, entity), 200);
    })
    .openapi(getMyStorage, async (c) => {
      const p = c.var.principal;
      if (p.kind === "service-account") throw new HttpProblem(403, "Service accounts have no personal entity.");
      return c.json(await storageDocument(c.var.deps, { id: p.user.id, name: p.user.username }), 200);
    })
    .openapi(recalculate, async (c) => {
      const entity = await readableEntity(c, c.req.valid("param").entity, true);
      const { jobId } = await redisOr503(
        c.var.deps.queues.enqueue(
          "recalculate-storage",
          { entityId: entity.id },
          // Not guessable: the id alone never grants a look at the job (jobStatus checks access too).
          { jobId: `recalc-now-${entity.id}-${randomUUID()}` },
        ),
      );
      return c.json({ jobId }, 202);
    })
    .openapi(jobStatus, async (c) => {
      const { id } = c.req.valid("param");
      const job = await redisOr503(c.var.deps.queues.queue("storage").getJob(id));
      // A job of an entity the caller cannot read is as absent as a job that never was.
      if (!job || !(await mayReadJob(c, job.data as { entityId?: unknown }))) {
        throw new HttpProblem(404, `There is no recalculation ${id} that you can see.`);
      }
      const state = await redisOr503(job.getState());
      const progress = typeof job.progress === "number" ? job.progress : state === "completed" ? 100 : 0;
      const known = ["waiting", "delayed", "active", "completed", "failed"] as const;
      return c.json(
        {
          id,
          state: (known as readonly string[]).includes(state)
            ? (state as (typeof known)[number])
            : ("unknown" as const),
          progress,
        },
        200,
      );
    })
    .openapi(putQuota, async (c) => {
      requireOrgAdmin(c);
      const { db } = c.var.deps;
      const name = c.req.valid("param").entity;
      const entity = await findEntityByName(db, name);
      if (!entity) throw new HttpProblem(404, `There is no entity "${name}".`);
      await setEntityQuota(db, { entityId: entity.id, quotaBytes: c.req.valid("json").quotaBytes });
      await enqueueRecalculations(c, [entity.id]);
      return c.json(await storageDocument(c.var.deps, entity), 200);
    })
    .openapi(recalculateAll, async (c) => {
      requireOrgAdmin(c);
      const { jobId } = await redisOr503(
        c.var.deps.queues.enqueue("recalculate-all-storage", {}, { jobId: `recalc-all-${randomUUID()}` }),
      );
      return c.json({ jobId }, 202);
    });
}
