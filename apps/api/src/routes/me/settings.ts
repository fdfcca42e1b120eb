import { DEPLOYMENT_MODES, PROJECT_PRIVACIES } from "@homebase/core";
import {
  getOrgSettings,
  getStoredUserSettings,
  listUserTeams,
  resolveDefaultEntity,
  type StoredUserSettings,
  updateUserSettings,
} from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../../lib/openapi";
import { HttpProblem } from "../../lib/problem";

const Privacy = z.enum(PROJECT_PRIVACIES);

const SettingsSchema = z
  .object({
    defaultEntity: z.string(),
    defaultProjectPrivacy: Privacy,
    codeSavingEnabled: z.boolean(),
    hideTeamsInProfile: z.boolean(),
    deploymentMode: z.enum(DEPLOYMENT_MODES),
    orgAllowsPublicProjects: z.boolean(),
    orgAllowsCodeSaving: z.boolean(),
  })
  .openapi("UserSettings");

const SettingsPatch = z
  .object({
    defaultEntity: z.string().trim().toLowerCase().min(1).max(64),
    defaultProjectPrivacy: Privacy,
    codeSavingEnabled: z.boolean(),
    hideTeamsInProfile: z.boolean(),
  })
  .partial()
  .strict();

const getSettings = createRoute({
  method: "get",
  path: "/",
  tags: ["Settings"],
  summary: "Default entity, project privacy, code saving and profile visibility",
  responses: { 200: jsonResponse(SettingsSchema, "Settings"), ...problems(401) },
});

const patchSettings = createRoute({
  method: "patch",
  path: "/",
  tags: ["Settings"],
  summary: "Change any of the writable settings",
  request: { body: jsonBody(SettingsPatch) },
  responses: { 200: jsonResponse(SettingsSchema, "Settings"), ...problems(401, 422) },
});

async function settingsDocument(c: Context<AuthedEnv>) {
  const { db, config } = c.var.deps;
  const user = c.var.principal.user;
  const [stored, org, entity] = await Promise.all([
    getStoredUserSettings(db, user.id),
    getOrgSettings(db),
    resolveDefaultEntity(db, user, config.deploymentMode),
  ]);
  return {
    defaultEntity: entity.name,
    defaultProjectPrivacy: stored.defaultProjectPrivacy,
    codeSavingEnabled: stored.codeSavingEnabled,
    hideTeamsInProfile: stored.hideTeamsInProfile,
    deploymentMode: config.deploymentMode,
    orgAllowsPublicProjects: org.allowPublicProjects,
    orgAllowsCodeSaving: org.allowCodeSaving,
  };
}

/** /me/settings: defaults for new runs and projects, and what the organisation allows. */
export function settingsRouter() {
  return createRouter<AuthedEnv>()
    .openapi(getSettings, async (c) => c.json(await settingsDocument(c), 200))
    .openapi(patchSettings, async (c) => {
      const { db, config, clock } = c.var.deps;
      const user = c.var.principal.user;
      const body = c.req.valid("json");
      const org = await getOrgSettings(db);
      const errors: { path: string; message: string }[] = [];
      const patch: Partial<StoredUserSettings> = {};

      if (body.defaultEntity !== undefined) {
        const team = (await listUserTeams(db, user.id)).find((t) => t.name === body.defaultEntity);
        if (team) patch.defaultEntityId = team.id;
        else if (body.defaultEntity === user.username && config.deploymentMode !== "multi-tenant") {
          patch.defaultEntityId = user.id;
        } else {
          errors.push({
            path: "defaultEntity",
            message:
              config.deploymentMode === "multi-tenant"
                ? "Choose one of your teams."
                : "Choose one of your teams or your own username.",
          });
        }
      }
      if (body.defaultProjectPrivacy !== undefined) {
        if (body.defaultProjectPrivacy === "public" && !org.allowPublicProjects) {
          errors.push({ path: "defaultProjectPrivacy", message: "Your organisation does not allow public projects." });
        } else patch.defaultProjectPrivacy = body.defaultProjectPrivacy;
      }
      if (body.codeSavingEnabled !== undefined) {
        if (body.codeSavingEnabled && !org.allowCodeSaving) {
          errors.push({ path: "codeSavingEnabled", message: "Your organisation does not allow default code saving." });
        } else patch.codeSavingEnabled = body.codeSavingEnabled;
      }
      if (body.hideTeamsInProfile !== undefined) patch.hideTeamsInProfile = body.hideTeamsInProfile;

      if (errors.length > 0) throw new HttpProblem(422, "Some settings cannot be saved.", { errors });
      await updateUserSettings(db, user.id, patch, clock.now());
      return c.json(await settingsDocument(c), 200);
    });
}
