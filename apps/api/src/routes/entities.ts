import { createRoute } from "@hono/zod-openapi";
import type { PrincipalEnv } from "../lib/context";
import { createRouter, jsonResponse, problems, z } from "../lib/openapi";
import { StorageSchema } from "../lib/storage-schema";
import { readableEntity, recalculateNow, storageDocument } from "../services/storage";

const getStorage = createRoute({
  method: "get",
  path: "/{entity}/storage",
  tags: ["Storage"],
  summary: "Usage against the quota (members)",
  request: { params: z.object({ entity: z.string().max(64) }) },
  responses: { 200: jsonResponse(StorageSchema, "Usage"), ...problems(401, 404) },
});

const recalculate = createRoute({
  method: "post",
  path: "/{entity}/storage/recalculate",
  tags: ["Storage"],
  summary: "Recalculate now (members for their entities, organisation admins for any)",
  request: { params: z.object({ entity: z.string().max(64) }) },
  responses: { 202: jsonResponse(z.object({ jobId: z.string() }), "Queued"), ...problems(401, 404) },
});

/** /entities: an entity's (user's or team's) storage usage, for its members. */
export function entitiesRouter() {
  return createRouter<PrincipalEnv>()
    .openapi(getStorage, async (c) => {
      const entity = await readableEntity(c, c.req.valid("param").entity, true);
      return c.json(await storageDocument(c.var.deps, entity), 200);
    })
    .openapi(recalculate, async (c) => {
      const entity = await readableEntity(c, c.req.valid("param").entity, true);
      const { jobId } = await recalculateNow(c, entity.id);
      return c.json({ jobId }, 202);
    });
}
