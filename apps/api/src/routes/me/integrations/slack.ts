import { encryptSecret, parseWebhookAllowList, webhookUrlProblem } from "@homebase/core";
import { createSlackTestNotification, deleteSlackWebhook, getSlackIntegration, saveSlackWebhook } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../../../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../../../lib/openapi";
import { HttpProblem } from "../../../lib/problem";
import { enqueueCommittedDeliveries } from "../../../services/deliveries";

/* Mounted at /me/integrations/slack: the Slack webhook that alerts go to. */

const putSlack = createRoute({
  method: "put",
  path: "/",
  tags: ["Alerts"],
  summary: "Save a Slack incoming-webhook URL (stored encrypted, never fetched to validate)",
  request: { body: jsonBody(z.object({ webhookUrl: z.string().trim().max(2048) })) },
  responses: { 200: jsonResponse(z.object({ connected: z.literal(true) }), "Saved"), ...problems(401, 422) },
});

const deleteSlack = createRoute({
  method: "delete",
  path: "/",
  tags: ["Alerts"],
  summary: "Forget the Slack webhook",
  responses: { 204: { description: "Removed" }, ...problems(401) },
});

const testSlack = createRoute({
  method: "post",
  path: "/test",
  tags: ["Alerts"],
  summary: "Queue a test message to the saved Slack webhook",
  responses: { 202: jsonResponse(z.object({ id: z.string() }), "Queued"), ...problems(401, 409) },
});

export function slackIntegrationRouter() {
  return createRouter<AuthedEnv>()
    .openapi(putSlack, async (c) => {
      const { webhookUrl } = c.req.valid("json");
      const { db, config, clock } = c.var.deps;
      const problem = webhookUrlProblem(webhookUrl, parseWebhookAllowList(config.slackWebhookHosts));
      if (problem) throw new HttpProblem(422, problem, { errors: [{ path: "webhookUrl", message: problem }] });
      await saveSlackWebhook(db, {
        userId: c.var.principal.user.id,
        webhookUrlEncrypted: encryptSecret(webhookUrl, config.encryptionKey),
        now: clock.now(),
      });
      return c.json({ connected: true as const }, 200);
    })
    .openapi(deleteSlack, async (c) => {
      await deleteSlackWebhook(c.var.deps.db, c.var.principal.user.id);
      return c.body(null, 204);
    })
    .openapi(testSlack, async (c) => {
      const { db, clock, config } = c.var.deps;
      const userId = c.var.principal.user.id;
      if (!(await getSlackIntegration(db, userId))) {
        throw new HttpProblem(409, "Connect Slack first: save an incoming-webhook URL.");
      }
      const recorded = await createSlackTestNotification(db, {
        userId,
        now: clock.now(),
        url: `${config.publicUrl.replace(/\/$/, "")}/settings/alerts`,
      });
      await enqueueCommittedDeliveries(c.var.deps, recorded.deliveryIds);
      return c.json({ id: recorded.deliveryIds[0] ?? recorded.notificationId ?? "" }, 202);
    });
}
