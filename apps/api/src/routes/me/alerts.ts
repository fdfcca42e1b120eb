import { getAlertPreferences, updateAlertPreferences } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../../lib/openapi";

const Channels = z.object({ email: z.boolean(), slack: z.boolean() });
const AlertsSchema = z
  .object({ runFinished: Channels, runCrashed: Channels, scriptable: Channels, storage: Channels })
  .openapi("AlertPreferences");
const AlertsPatch = z
  .object({
    runFinished: Channels.partial().strict(),
    runCrashed: Channels.partial().strict(),
    scriptable: Channels.partial().strict(),
    storage: Channels.partial().strict(),
  })
  .partial()
  .strict();

const getAlerts = createRoute({
  method: "get",
  path: "/",
  tags: ["Alerts"],
  summary: "Which alerts go by e-mail and by Slack",
  responses: { 200: jsonResponse(AlertsSchema, "Preferences"), ...problems(401) },
});

const putAlerts = createRoute({
  method: "put",
  path: "/",
  tags: ["Alerts"],
  summary: "Change alert preferences (partial allowed)",
  request: { body: jsonBody(AlertsPatch) },
  responses: { 200: jsonResponse(AlertsSchema, "Preferences"), ...problems(401, 422) },
});

/** /me/alerts: which alerts go to which channel. */
export function alertsRouter() {
  return createRouter<AuthedEnv>()
    .openapi(getAlerts, async (c) => c.json(await getAlertPreferences(c.var.deps.db, c.var.principal.user.id), 200))
    .openapi(putAlerts, async (c) => {
      const { db, clock } = c.var.deps;
      return c.json(await updateAlertPreferences(db, c.var.principal.user.id, c.req.valid("json"), clock.now()), 200);
    });
}
