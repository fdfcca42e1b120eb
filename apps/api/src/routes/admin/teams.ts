import { deleteTeam, findTeamByName, listTeamsForAdmin } from "@homebase/db";
import { enqueuePurgeTeam } from "@homebase/jobs";
import { createRoute } from "@hono/zod-openapi";
import { boundedWait } from "../../lib/bounded";
import type { PrincipalEnv } from "../../lib/context";
import { createRouter, jsonResponse, problems, z } from "../../lib/openapi";
import { HttpProblem } from "../../lib/problem";
import { requireOrgAdmin } from "../../middleware/require-org-admin";
import { requireUser } from "../../middleware/with-auth";

/* Mounted at /admin/teams (inside the admin router): every team, for organisation admins. */

const AdminTeamSchema = z
  .object({
    name: z.string(),
    displayName: z.string(),
    membersCount: z.number().int(),
    usedBytes: z.number().int().openapi({ description: "Storage used, as last computed" }),
  })
  .openapi("AdminTeam");

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["Organisation"],
  summary: "Every team with its members count and storage used (organisation admins)",
  middleware: [requireUser, requireOrgAdmin] as const,
  responses: { 200: jsonResponse(z.object({ items: z.array(AdminTeamSchema) }), "Teams"), ...problems(401, 403) },
});

const remove = createRoute({
  method: "delete",
  path: "/{team}",
  tags: ["Organisation"],
  summary: "Delete a team and its data (organisation admins); the name is free again at once",
  middleware: [requireUser, requireOrgAdmin] as const,
  request: { params: z.object({ team: z.string().max(64) }) },
  responses: { 204: { description: "Deleted; its data is purged shortly" }, ...problems(401, 403, 404) },
});

export function adminTeamsRouter() {
  return createRouter<PrincipalEnv>()
    .openapi(list, async (c) => {
      const teams = await listTeamsForAdmin(c.var.deps.db);
      return c.json({ items: teams.map(({ id: _, ...t }) => t) }, 200);
    })
    .openapi(remove, async (c) => {
      const { db, clock, queues, logger } = c.var.deps;
      const name = c.req.valid("param").team;
      const team = await findTeamByName(db, name);
      if (!team || !(await deleteTeam(db, { teamId: team.id, now: clock.now() }))) {
        throw new HttpProblem(404, `There is no team "${name}".`);
      }
      // The entity is marked deleted: if this enqueue fails, the purge sweeper starts the purge.
      await boundedWait(enqueuePurgeTeam(queues, team.id)).catch((err: Error) =>
        logger.warn({ err: err.message }, "team purge not enqueued; the sweeper will start it"),
      );
      return c.body(null, 204);
    });
}
