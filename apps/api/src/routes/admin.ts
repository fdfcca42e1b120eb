import { getMaxApiKeyLifetimeDays, getOrgSettings, setMaxApiKeyLifetimeDays, updateOrgSettings } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../lib/openapi";
import { requireOrgAdmin } from "../middleware/require-org-admin";

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

async function orgSettings(db: AuthedEnv["Variables"]["deps"]["db"]) {
  return { ...(await getOrgSettings(db)), maxApiKeyLifetimeDays: await getMaxApiKeyLifetimeDays(db) };
}

const get = createRoute({
  method: "get",
  path: "/admin/settings",
  tags: ["Organisation"],
  summary: "Organisation policy (organisation admins)",
  middleware: [requireOrgAdmin] as const,
  responses: { 200: jsonResponse(OrgSettingsSchema, "Policy"), ...problems(401, 403) },
});

const patch = createRoute({
  method: "patch",
  path: "/admin/settings",
  tags: ["Organisation"],
  summary: "Allow or forbid public projects and default code saving (organisation admins)",
  middleware: [requireOrgAdmin] as const,
  request: { body: jsonBody(OrgSettingsSchema.partial().strict()) },
  responses: { 200: jsonResponse(OrgSettingsSchema, "Policy"), ...problems(401, 403, 422) },
});

export function adminRouter() {
  return createRouter<AuthedEnv>()
    .openapi(get, async (c) => c.json(await orgSettings(c.var.deps.db), 200))
    .openapi(patch, async (c) => {
      const { db, clock } = c.var.deps;
      const { maxApiKeyLifetimeDays, ...policy } = c.req.valid("json");
      if (Object.keys(policy).length > 0) await updateOrgSettings(db, policy, clock.now());
      if (maxApiKeyLifetimeDays !== undefined) await setMaxApiKeyLifetimeDays(db, maxApiKeyLifetimeDays, clock.now());
      return c.json(await orgSettings(db), 200);
    });
}
