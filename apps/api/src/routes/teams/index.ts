import { entityName, nameSchema, TEAM_ROLES } from "@homebase/core";
import {
  createTeam,
  findTeamByName,
  getTeamRole,
  joinTeam,
  listTeamMembers,
  type TeamRecord,
  teamRow,
  updateTeam,
} from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../../lib/openapi";
import { HttpProblem } from "../../lib/problem";
import { teamForAdmin, teamForMember } from "../../lib/team-access";

const Role = z.enum(TEAM_ROLES);
const DisplayName = nameSchema(64, "Must not be empty.");
const EmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "Enter a domain such as example.com, without @.",
  );

const TeamParam = z.object({ team: z.string().max(64) });

const TeamSchema = teamRow
  .pick({ displayName: true })
  .extend({
    name: z.string(),
    role: Role.openapi({ description: "The caller's role" }),
    members: z.array(z.object({ username: z.string(), name: z.string(), role: Role })),
    joinPolicy: z.object({ allowedEmailDomain: teamRow.shape.allowedEmailDomain }),
  })
  .openapi("Team");

const create = createRoute({
  method: "post",
  path: "/",
  tags: ["Teams"],
  summary: "Create a team; the creator becomes its admin",
  request: { body: jsonBody(z.object({ name: entityName, displayName: DisplayName.optional() })) },
  responses: {
    201: jsonResponse(z.object({ name: z.string(), displayName: z.string(), role: z.literal("admin") }), "Created"),
    ...problems(401, 409, 422),
  },
});

const get = createRoute({
  method: "get",
  path: "/{team}",
  tags: ["Teams"],
  summary: "A team, for its members",
  request: { params: TeamParam },
  responses: { 200: jsonResponse(TeamSchema, "The team"), ...problems(401, 404) },
});

const patch = createRoute({
  method: "patch",
  path: "/{team}",
  tags: ["Teams"],
  summary: "Change the display name or the email domain whose users may join (team admins)",
  request: {
    params: TeamParam,
    body: jsonBody(
      z.object({ displayName: DisplayName.optional(), allowedEmailDomain: EmailDomain.nullable().optional() }).strict(),
    ),
  },
  responses: { 200: jsonResponse(TeamSchema, "The team"), ...problems(401, 403, 404, 422) },
});

const join = createRoute({
  method: "post",
  path: "/{team}/join",
  tags: ["Teams"],
  summary: "Join a team whose allowed email domain matches yours",
  request: { params: TeamParam },
  responses: {
    200: jsonResponse(z.object({ name: z.string(), username: z.string(), role: Role }), "Joined (or already a member)"),
    ...problems(401, 403, 404),
  },
});

async function teamDocument(c: Context<AuthedEnv>, team: TeamRecord, role: "admin" | "member") {
  const members = await listTeamMembers(c.var.deps.db, team.id);
  return {
    name: team.name,
    displayName: team.displayName,
    role,
    members: members.map((m) => ({ username: m.username, name: m.name, role: m.role })),
    joinPolicy: { allowedEmailDomain: team.allowedEmailDomain },
  };
}

/** /teams: create, read and change teams; join one. Members are in members.ts, service accounts in service-accounts.ts. */
export function teamsRouter() {
  return createRouter<AuthedEnv>()
    .openapi(create, async (c) => {
      const body = c.req.valid("json");
      const team = await createTeam(c.var.deps.db, {
        name: body.name,
        displayName: body.displayName,
        creatorId: c.var.principal.user.id,
      });
      return c.json({ name: team.name, displayName: team.displayName, role: "admin" as const }, 201);
    })
    .openapi(get, async (c) => {
      const { team, role } = await teamForMember(c, c.req.valid("param").team);
      return c.json(await teamDocument(c, team, role), 200);
    })
    .openapi(patch, async (c) => {
      const { team } = await teamForAdmin(c, c.req.valid("param").team);
      const body = c.req.valid("json");
      await updateTeam(c.var.deps.db, team.id, body);
      const updated = (await findTeamByName(c.var.deps.db, team.name))!;
      return c.json(await teamDocument(c, updated, "admin"), 200);
    })
    .openapi(join, async (c) => {
      const name = c.req.valid("param").team;
      const { db } = c.var.deps;
      const team = await findTeamByName(db, name);
      if (!team) throw new HttpProblem(404, `There is no team "${name}".`);
      const user = c.var.principal.user;
      const outcome = await joinTeam(db, {
        team,
        userId: user.id,
        email: user.email,
        emailVerified: user.emailVerified,
      });
      if (outcome === "unverified") {
        throw new HttpProblem(
          403,
          `Verify your email address first: ${team.name} lets in verified addresses of its domain. Use the link we sent you, or send a new one from Settings → Profile.`,
        );
      }
      if (outcome === "not-allowed") {
        throw new HttpProblem(403, `You may not join ${team.name}: ask a team admin to add you.`);
      }
      const role = (await getTeamRole(db, team.id, user.id))!;
      return c.json({ name: team.name, username: user.username, role }, 200);
    });
}
