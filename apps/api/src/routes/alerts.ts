import { CHANNELS, DELIVERY_STATUSES, NOTIFICATION_KINDS, type NotificationStatus } from "@homebase/core";
import { getAlertPreferences, listDeliveryLog, updateAlertPreferences } from "@homebase/db";
import { DELIVERY_ATTEMPTS } from "@homebase/jobs";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../lib/openapi";

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
  path: "/me/alerts",
  tags: ["Alerts"],
  summary: "Which alerts go by e-mail and by Slack",
  responses: { 200: jsonResponse(AlertsSchema, "Preferences"), ...problems(401) },
});

const putAlerts = createRoute({
  method: "put",
  path: "/me/alerts",
  tags: ["Alerts"],
  summary: "Change alert preferences (partial allowed)",
  request: { body: jsonBody(AlertsPatch) },
  responses: { 200: jsonResponse(AlertsSchema, "Preferences"), ...problems(401, 422) },
});

const DeliveryItem = z
  .object({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    title: z.string(),
    channel: z.enum(CHANNELS).nullable().openapi({ description: "null for throttled alerts, sent nowhere" }),
    // A delivery's status, or the notification's when it was throttled (sent nowhere).
    status: z.enum([...DELIVERY_STATUSES, "throttled" satisfies NotificationStatus]),
    attempts: z.number().int(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .openapi("Delivery");

const listNotifications = createRoute({
  method: "get",
  path: "/me/notifications",
  tags: ["Alerts"],
  summary: "The delivery log: the last 100 deliveries, newest first",
  responses: {
    200: jsonResponse(
      z.object({
        items: z.array(DeliveryItem),
        maxAttempts: z.number().int().openapi({
          description:
            "How many attempts a delivery gets: a pending delivery with an error is being retried; after the last one it is failed",
        }),
      }),
      "Log",
    ),
    ...problems(401),
  },
});

export function alertsRouter() {
  return createRouter<AuthedEnv>()
    .openapi(getAlerts, async (c) => c.json(await getAlertPreferences(c.var.deps.db, c.var.principal.user.id), 200))
    .openapi(putAlerts, async (c) => {
      const { db, clock } = c.var.deps;
      return c.json(await updateAlertPreferences(db, c.var.principal.user.id, c.req.valid("json"), clock.now()), 200);
    })
    .openapi(listNotifications, async (c) => {
      const items = await listDeliveryLog(c.var.deps.db, { userId: c.var.principal.user.id, limit: 100 });
      return c.json(
        {
          items: items.map((i) => ({
            ...i,
            createdAt: i.createdAt.toISOString(),
            sentAt: i.sentAt ? i.sentAt.toISOString() : null,
          })),
          maxAttempts: DELIVERY_ATTEMPTS,
        },
        200,
      );
    });
}
