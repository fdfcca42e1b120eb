import { getMaxApiKeyLifetimeDays, getOrgSettings, setMaxApiKeyLifetimeDays, updateOrgSettings } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AppDeps, PrincipalEnv } from "../../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../../lib/openapi";
import { StorageSchema } from "../../lib/storage-schema";
import { requireOrgAdmin } from "../../middleware/require-org-admin";
import { requireUser } from "../../middleware/with-auth";
import { existingEntity, recalculateAll, setQuota, storageDocument } from "../../services/storage";

/*
 * Mounted at /admin (and admin/teams.ts at /admin/teams): the organisation's policy, storage
 * quotas and teams, for organisation admins
 * only (requireOrgAdmin, checked before the request is validated). Policy and teams answer a
 * service account as every route for people does (requireUser); the storage routes, which any
 * caller could reach before, tell it that only organisation admins can do this.
 */

const OrgSettingsSchema = z
  .object({
    allowPublicProjects: z.boolean(),
    allowCodeSaving: z.boolean(),
    maxApiKeyLifetimeDays: z
      .number()
      .int("Give a whole number of days.")
      .min(1, "At least 1 day.")
      .max(36_500, "At most 36,500 days.")
      .nullable()
      .openapi({ description: "The longest lifetime of a new API key in days; null: no limit" }),
  })
  .openapi("OrganisationSettings");

async function orgSettings(db: AppDeps["db"]) {
  return { ...(await getOrgSettings(db)), maxApiKeyLifetimeDays: await getMaxApiKeyLifetimeDays(db) };
}

const getSettings = createRoute({
  method: "get",
  path: "/settings",
  tags: ["Organisation"],
  summary: "Organisation policy (organisation admins)",
  middleware: [requireUser, requireOrgAdmin] as const,
  responses: { 200: jsonResponse(OrgSettingsSchema, "Policy"), ...problems(401, 403) },
});

const patchSettings = createRoute({
  method: "patch",
  path: "/settings",
  tags: ["Organisation"],
  summary: "Allow or forbid public projects and default code saving (organisation admins)",
  middleware: [requireUser, requireOrgAdmin] as const,
  request: { body: jsonBody(OrgSettingsSchema.partial().strict()) },
  responses: { 200: jsonResponse(OrgSettingsSchema, "Policy"), ...problems(401, 403, 422) },
});

const putQuota = createRoute({
  method: "put",
  path: "/entities/{entity}/quota",
  tags: ["Storage"],
  summary: "Override an entity's quota; null returns to the default (organisation admins)",
  middleware: [requireOrgAdmin] as const,
  request: {
    params: z.object({ entity: z.string().max(64) }),
    body: jsonBody(z.object({ quotaBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable() })),
  },
  responses: { 200: jsonResponse(StorageSchema, "Usage"), ...problems(401, 403, 404, 422) },
});

const recalculateStorage = createRoute({
  method: "post",
  path: "/storage/recalculate",
  tags: ["Storage"],
  summary: "Recalculate every entity (organisation admins)",
  middleware: [requireOrgAdmin] as const,
  responses: { 202: jsonResponse(z.object({ jobId: z.string() }), "Queued"), ...problems(401, 403) },
});

export function adminRouter() {
  return createRouter<PrincipalEnv>()
    .openapi(getSettings, async (c) => c.json(await orgSettings(c.var.deps.db), 200))
    .openapi(patchSettings, async (c) => {
      const { db, clock } = c.var.deps;
      const { maxApiKeyLifetimeDays, ...policy } = c.req.valid("json");
      if (Object.keys(policy).length > 0) await updateOrgSettings(db, policy, clock.now());
      if (maxApiKeyLifetimeDays !== undefined) await setMaxApiKeyLifetimeDays(db, maxApiKeyLifetimeDays, clock.now());
      return c.json(await orgSettings(db), 200);
    })
    .openapi(putQuota, async (c) => {
      const entity = await existingEntity(c, c.req.valid("param").entity);
      await setQuota(c, entity, c.req.valid("json").quotaBytes);
      return c.json(await storageDocument(c.var.deps, entity), 200);
    })
    .openapi(recalculateStorage, async (c) => {
      const { jobId } = await recalculateAll(c);
      return c.json({ jobId }, 202);
    });
}
