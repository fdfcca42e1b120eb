import { deleteUserSessionById, listUserSessions } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonResponse, problems, z } from "../../lib/openapi";
import { HttpProblem } from "../../lib/problem";

const SessionSchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    userAgent: z.string().nullable(),
    address: z.string().nullable(),
    current: z.boolean(),
  })
  .openapi("Session");

const listSessions = createRoute({
  method: "get",
  path: "/",
  tags: ["Accounts"],
  summary: "Your active browser sessions; `current` is this one",
  responses: { 200: jsonResponse(z.object({ items: z.array(SessionSchema) }), "Sessions"), ...problems(401) },
});

const endSession = createRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Accounts"],
  summary: "Sign one of your sessions out",
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 204: { description: "Ended" }, ...problems(401, 404) },
});

/** /me/sessions: the caller's active browser sessions. */
export function sessionsRouter() {
  return createRouter<AuthedEnv>()
    .openapi(listSessions, async (c) => {
      const { deps, principal } = c.var;
      const items = await listUserSessions(deps.db, {
        userId: principal.user.id,
        currentTokenHash: principal.kind === "session" ? principal.sessionTokenHash : null,
        now: deps.clock.now(),
      });
      return c.json(
        {
          items: items.map((s) => ({
            ...s,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
          })),
        },
        200,
      );
    })
    .openapi(endSession, async (c) => {
      const { deps, principal } = c.var;
      const ended = await deleteUserSessionById(deps.db, { userId: principal.user.id, id: c.req.valid("param").id });
      if (!ended) throw new HttpProblem(404, "There is no such session of yours.");
      return c.body(null, 204);
    });
}
