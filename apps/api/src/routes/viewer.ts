import { listUserTeams, resolveDefaultEntity } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../lib/context";
import { createRouter, jsonResponse, problems, z } from "../lib/openapi";

const ViewerSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    email: z.string(),
    entity: z.string().openapi({ description: "The default entity for new runs and projects" }),
    teams: z.array(z.string()),
    admin: z.boolean(),
  })
  .openapi("Viewer");

const getViewer = createRoute({
  method: "get",
  path: "/viewer",
  tags: ["Accounts"],
  summary: "Who am I",
  responses: { 200: jsonResponse(ViewerSchema, "The caller"), ...problems(401) },
});

export function viewerRouter() {
  return createRouter<AuthedEnv>().openapi(getViewer, async (c) => {
    const { user } = c.var.principal;
    const { db, config } = c.var.deps;
    const [entity, teams] = await Promise.all([
      resolveDefaultEntity(db, user, config.deploymentMode),
      listUserTeams(db, user.id),
    ]);
    return c.json(
      {
        id: user.id,
        username: user.username,
        email: user.email,
        entity: entity.name,
        teams: teams.map((t) => t.name),
        admin: user.isAdmin,
      },
      200,
    );
  });
}
