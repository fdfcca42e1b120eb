import { CHANNELS, DELIVERY_STATUSES, NOTIFICATION_KINDS, type NotificationStatus } from "@homebase/core";
import { listDeliveryLog } from "@homebase/db";
import { DELIVERY_ATTEMPTS } from "@homebase/jobs";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonResponse, problems, z } from "../../lib/openapi";

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
  path: "/",
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

/** /me/notifications: the delivery log of the caller's alerts. */
export function notificationsRouter() {
  return createRouter<AuthedEnv>().openapi(listNotifications, async (c) => {
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
