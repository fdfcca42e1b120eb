import { TEAM_ROLES } from "@homebase/core";
import { listJoinableTeams, listUserTeams } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonResponse, problems, z } from "../../lib/openapi";

const myTeams = createRoute({
  method: "get",
  path: "/",
  tags: ["Teams"],
  summary: "The caller's teams, and the teams the caller may join",
  responses: {
    200: jsonResponse(
      z.object({
        teams: z.array(z.object({ name: z.string(), displayName: z.string(), role: z.enum(TEAM_ROLES) })),
        joinable: z.array(z.object({ name: z.string(), displayName: z.string() })),
      }),
      "Teams",
    ),
    ...problems(401),
  },
});

/** /me/teams: the caller's teams, and those the caller may join. */
export function myTeamsRouter() {
  return createRouter<AuthedEnv>().openapi(myTeams, async (c) => {
    const { db } = c.var.deps;
    const user = c.var.principal.user;
    const [teams, joinable] = await Promise.all([
      listUserTeams(db, user.id),
      listJoinableTeams(db, { userId: user.id, email: user.email, emailVerified: user.emailVerified }),
    ]);
    return c.json(
      { teams: teams.map((t) => ({ name: t.name, displayName: t.displayName, role: t.role })), joinable },
      200,
    );
  });
}
