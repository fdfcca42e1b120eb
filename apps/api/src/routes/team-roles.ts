import { TEAM_ROLES } from "@homebase/core";
import { findUserByUsername, setTeamMemberRole } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";
import { teamForAdmin } from "../lib/team-access";

const Role = z.enum(TEAM_ROLES, { message: `Choose ${TEAM_ROLES.map((r) => `"${r}"`).join(" or ")}.` });

const setRole = createRoute({
  method: "patch",
  path: "/teams/{team}/members/{username}",
  tags: ["Teams"],
  summary: "Change a member's role (team admins); the last admin cannot demote themself",
  request: {
    params: z.object({ team: z.string().max(64), username: z.string().max(64) }),
    body: jsonBody(z.object({ role: Role }).strict()),
  },
  responses: {
    200: jsonResponse(z.object({ username: z.string(), role: Role }), "The member with the new role"),
    ...problems(401, 403, 404, 409, 422),
  },
});

export function teamRolesRouter() {
  return createRouter<AuthedEnv>().openapi(setRole, async (c) => {
    const { team: name, username } = c.req.valid("param");
    const { team } = await teamForAdmin(c, name);
    const user = await findUserByUsername(c.var.deps.db, username);
    const member =
      user &&
      (await setTeamMemberRole(c.var.deps.db, { teamId: team.id, userId: user.id, role: c.req.valid("json").role }));
    if (!member) throw new HttpProblem(404, `${username} is not a member of ${team.name}.`);
    return c.json(member, 200);
  });
}
