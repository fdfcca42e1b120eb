import { TEAM_ROLES } from "@homebase/core";
import { addTeamMember, findUserByUsername, removeTeamMember, setTeamMemberRole } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../../lib/openapi";
import { HttpProblem } from "../../lib/problem";
import { teamForAdmin, teamForMember } from "../../lib/team-access";

const Role = z.enum(TEAM_ROLES, { message: `Choose ${TEAM_ROLES.map((r) => `"${r}"`).join(" or ")}.` });

const TeamParam = z.object({ team: z.string().max(64) });
const MemberSchema = z.object({ username: z.string(), role: Role });

const addMember = createRoute({
  method: "post",
  path: "/{team}/members",
  tags: ["Teams"],
  summary: "Add a member (team admins)",
  request: { params: TeamParam, body: jsonBody(z.object({ username: z.string().min(1).max(64), role: Role })) },
  responses: { 201: jsonResponse(MemberSchema, "Added"), ...problems(401, 403, 404, 409, 422) },
});

const removeMember = createRoute({
  method: "delete",
  path: "/{team}/members/{username}",
  tags: ["Teams"],
  summary: "Remove a member (team admins), or leave the team (oneself)",
  request: { params: TeamParam.extend({ username: z.string().max(64) }) },
  responses: { 204: { description: "Removed" }, ...problems(401, 403, 404, 409) },
});

const setRole = createRoute({
  method: "patch",
  path: "/{team}/members/{username}",
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

/** /teams/{team}/members: add and remove members, change their roles; leave a team. */
export function teamMembersRouter() {
  return createRouter<AuthedEnv>()
    .openapi(addMember, async (c) => {
      const { team } = await teamForAdmin(c, c.req.valid("param").team);
      const body = c.req.valid("json");
      return c.json(
        await addTeamMember(c.var.deps.db, { teamId: team.id, username: body.username, role: body.role }),
        201,
      );
    })
    .openapi(removeMember, async (c) => {
      const { team: name, username } = c.req.valid("param");
      const { team, role } = await teamForMember(c, name);
      const me = c.var.principal.user;
      const self = username.toLowerCase() === me.username;
      if (!self && role !== "admin") throw new HttpProblem(403, "Only team admins can remove other members.");
      const target = self ? me : await findUserByUsername(c.var.deps.db, username);
      const removed = target && (await removeTeamMember(c.var.deps.db, { teamId: team.id, userId: target.id }));
      if (!removed) throw new HttpProblem(404, `${username} is not a member of ${team.name}.`);
      return c.body(null, 204);
    })
    .openapi(setRole, async (c) => {
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
