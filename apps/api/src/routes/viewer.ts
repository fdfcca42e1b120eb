import { userRow } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { PrincipalEnv } from "../lib/context";
import { createRouter, jsonResponse, problems, z } from "../lib/openapi";
import { describeViewer } from "../services/viewer";

const ViewerSchema = userRow
  .pick({ id: true, username: true, email: true, emailVerified: true })
  .extend({
    entity: z.string().openapi({ description: "The default entity for new runs and projects" }),
    teams: z.array(z.string()),
    admin: z.boolean(),
  })
  .openapi("Viewer");

const getViewer = createRoute({
  method: "get",
  path: "/",
  tags: ["Accounts"],
  summary: "Who am I (cookie, Bearer key or Basic api:KEY)",
  responses: { 200: jsonResponse(ViewerSchema, "The caller"), ...problems(401) },
});

export function viewerRouter() {
  return createRouter<PrincipalEnv>().openapi(getViewer, async (c) =>
    c.json(await describeViewer(c.var.deps, c.var.principal), 200),
  );
}
