import { storageObjectRow } from "@homebase/db";
import { JOB_STATES } from "@homebase/jobs";
import { createRoute } from "@hono/zod-openapi";
import type { PrincipalEnv } from "../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";
import { ProjectName } from "../lib/schemas";
import { deleteObject as deleteStoredObject, storageJobStatus, storeObjects } from "../services/storage";

const ObjectSchema = z.object({
  entity: z.string().max(64).optional(),
  project: ProjectName,
  kind: storageObjectRow.shape.kind,
  path: z.string().min(1, "Give the object's path.").max(4096, "Must be at most 4096 characters."),
  size: z
    .number({ error: "Must be a whole number of bytes." })
    .int("Must be a whole number of bytes.")
    .min(0, "Must not be negative.")
    .max(Number.MAX_SAFE_INTEGER, "Must be at most 2^53 − 1."),
  digest: z.string().min(1, "Give the content digest.").max(256, "Must be at most 256 characters."),
});

const createObject = createRoute({
  method: "post",
  path: "/objects",
  tags: ["Storage"],
  summary: "Report a stored object (same digest in one entity counts once)",
  request: { body: jsonBody(ObjectSchema) },
  responses: { 201: jsonResponse(z.object({ id: z.string() }), "Stored"), ...problems(401, 404, 422) },
});

const createBatch = createRoute({
  method: "post",
  path: "/objects/batch",
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
  path: "/objects/{id}",
  tags: ["Storage"],
  summary: "Delete a reported object; it stops counting",
  request: { params: z.object({ id: z.string().max(20) }) },
  responses: { 204: { description: "Deleted" }, ...problems(401, 404) },
});

const jobStatus = createRoute({
  method: "get",
  path: "/jobs/{id}",
  tags: ["Storage"],
  summary: "Progress of a recalculation",
  request: { params: z.object({ id: z.string().max(200) }) },
  responses: {
    200: jsonResponse(
      z.object({
        id: z.string(),
        state: z.enum(JOB_STATES),
        progress: z.number(),
      }),
      "Job",
    ),
    ...problems(401, 404),
  },
});

/** /storage: stored objects as reported by clients, and the progress of recalculations. */
export function storageRouter() {
  return createRouter<PrincipalEnv>()
    .openapi(createObject, async (c) => {
      const [id] = await storeObjects(c, [c.req.valid("json")]);
      return c.json({ id: id! }, 201);
    })
    .openapi(createBatch, async (c) => c.json({ ids: await storeObjects(c, c.req.valid("json").objects) }, 201))
    .openapi(deleteObject, async (c) => {
      const { id } = c.req.valid("param");
      if (!(await deleteStoredObject(c, id)))
        throw new HttpProblem(404, `There is no object ${id} that you can delete.`);
      return c.body(null, 204);
    })
    .openapi(jobStatus, async (c) => {
      const { id } = c.req.valid("param");
      const status = await storageJobStatus(c, id);
      if (!status) throw new HttpProblem(404, `There is no recalculation ${id} that you can see.`);
      return c.json(status, 200);
    });
}
