import { createRoute } from "@hono/zod-openapi";
import type { PrincipalEnv } from "../../lib/context";
import { createRouter, jsonResponse, problems } from "../../lib/openapi";
import { StorageSchema } from "../../lib/storage-schema";
import { personalEntity, storageDocument } from "../../services/storage";

const getMyStorage = createRoute({
  method: "get",
  path: "/",
  tags: ["Storage"],
  summary: "Usage of your personal entity",
  responses: { 200: jsonResponse(StorageSchema, "Usage"), ...problems(401, 403) },
});

/** /me/storage: the storage usage of the caller's personal entity (people and service accounts). */
export function myStorageRouter() {
  return createRouter<PrincipalEnv>().openapi(getMyStorage, async (c) =>
    c.json(await storageDocument(c.var.deps, personalEntity(c)), 200),
  );
}
