import { isKeyId, nameSchema } from "@homebase/core";
import {
  createServiceAccount,
  createServiceAccountKey,
  deleteServiceAccount,
  deleteServiceAccountKey,
  findServiceAccount,
  listServiceAccountsWithKeys,
  recentKeyAddresses,
  renameServiceAccount,
} from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../../lib/openapi";
import { HttpProblem } from "../../lib/problem";
import { ApiKeySchema, CreatedApiKeySchema, CreateKeyBody } from "../../lib/schemas";
import { teamForAdmin } from "../../lib/team-access";
import { requireSession } from "../../middleware/with-auth";
import { checkedExpiry, keyDto, mintKey, rotateKey } from "../../services/api-keys";

const TeamParam = z.object({ team: z.string().max(64) });
const SaParam = TeamParam.extend({ sa: z.string().max(64) });
const SaName = nameSchema(64, "Give the service account a name.");

const list = createRoute({
  method: "get",
  path: "/{team}/service-accounts",
  tags: ["Service accounts"],
  summary: "The team's service accounts and their keys (team admins)",
  request: { params: TeamParam },
  responses: {
    200: jsonResponse(
      z.object({
        items: z.array(
          z.object({ id: z.string(), name: z.string(), createdAt: z.string(), apiKeys: z.array(ApiKeySchema) }),
        ),
      }),
      "Service accounts",
    ),
    ...problems(401, 403, 404),
  },
});

const create = createRoute({
  method: "post",
  path: "/{team}/service-accounts",
  tags: ["Service accounts"],
  summary: "Create a service account (team admins)",
  request: { params: TeamParam, body: jsonBody(z.object({ name: SaName })) },
  responses: {
    201: jsonResponse(z.object({ id: z.string(), name: z.string() }), "Created"),
    ...problems(401, 403, 404, 422),
  },
});

const rename = createRoute({
  method: "patch",
  path: "/{team}/service-accounts/{sa}",
  tags: ["Service accounts"],
  summary: "Rename a service account (team admins)",
  request: { params: SaParam, body: jsonBody(z.object({ name: SaName }).strict()) },
  responses: {
    200: jsonResponse(z.object({ id: z.string(), name: z.string() }), "Renamed"),
    ...problems(401, 403, 404, 422),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/{team}/service-accounts/{sa}",
  tags: ["Service accounts"],
  summary: "Delete a service account (team admins); its API keys stop working at once",
  request: { params: SaParam },
  responses: { 204: { description: "Deleted" }, ...problems(401, 403, 404) },
});

const createKey = createRoute({
  method: "post",
  path: "/{team}/service-accounts/{sa}/api-keys",
  tags: ["Service accounts"],
  summary: "Create an API key for a service account (team admins, browser session); shown once",
  middleware: [requireSession] as const,
  request: { params: SaParam, body: jsonBody(CreateKeyBody) },
  responses: { 201: jsonResponse(CreatedApiKeySchema, "Created"), ...problems(401, 403, 404, 422) },
});

const removeKey = createRoute({
  method: "delete",
  path: "/{team}/service-accounts/{sa}/api-keys/{id}",
  tags: ["Service accounts"],
  summary: "Delete a service account's API key (team admins, browser session)",
  middleware: [requireSession] as const,
  request: { params: SaParam.extend({ id: z.string().max(64) }) },
  responses: { 204: { description: "Deleted" }, ...problems(401, 403, 404) },
});

async function serviceAccountForAdmin(c: Context<AuthedEnv>, team: string, sa: string) {
  const found = await teamForAdmin(c, team);
  const account = await findServiceAccount(c.var.deps.db, { teamId: found.team.id, id: sa });
  if (!account) throw new HttpProblem(404, `Team ${found.team.name} has no service account ${sa}.`);
  return account;
}

const rotateKeyRoute = createRoute({
  method: "post",
  path: "/{team}/service-accounts/{sa}/api-keys/{id}/rotate",
  tags: ["Service accounts"],
  summary: "Rotate a service account's API key (team admins, browser session only)",
  middleware: [requireSession] as const,
  request: { params: SaParam.extend({ id: z.string().max(64) }) },
  responses: { 201: jsonResponse(CreatedApiKeySchema, "The new key"), ...problems(401, 403, 404) },
});

/** /teams/{team}/service-accounts: a team's service accounts and their keys (team admins). */
export function serviceAccountsRouter() {
  return createRouter<AuthedEnv>()
    .openapi(list, async (c) => {
      const { team } = await teamForAdmin(c, c.req.valid("param").team);
      const { db, clock } = c.var.deps;
      const accounts = await listServiceAccountsWithKeys(db, team.id);
      const addresses = await recentKeyAddresses(
        db,
        accounts.flatMap((a) => a.apiKeys.map((k) => k.id)),
      );
      const now = clock.now();
      return c.json(
        {
          items: accounts.map((a) => ({
            id: a.id,
            name: a.name,
            createdAt: a.createdAt.toISOString(),
            apiKeys: a.apiKeys.map((k) => keyDto(k, addresses.get(k.id), now)),
          })),
        },
        200,
      );
    })
    .openapi(create, async (c) => {
      const { team } = await teamForAdmin(c, c.req.valid("param").team);
      const account = await createServiceAccount(c.var.deps.db, {
        teamId: team.id,
        name: c.req.valid("json").name,
        createdById: c.var.principal.user.id,
      });
      return c.json({ id: account.id, name: account.name }, 201);
    })
    .openapi(rename, async (c) => {
      const { team, sa } = c.req.valid("param");
      const account = await serviceAccountForAdmin(c, team, sa);
      const renamed = await renameServiceAccount(c.var.deps.db, {
        teamId: account.teamId,
        id: account.id,
        name: c.req.valid("json").name,
      });
      if (!renamed) throw new HttpProblem(404, `Team ${team} has no service account ${sa}.`);
      return c.json(renamed, 200);
    })
    .openapi(remove, async (c) => {
      const { team, sa } = c.req.valid("param");
      const account = await serviceAccountForAdmin(c, team, sa);
      if (!(await deleteServiceAccount(c.var.deps.db, { teamId: account.teamId, id: account.id }))) {
        throw new HttpProblem(404, `Team ${team} has no service account ${sa}.`);
      }
      return c.body(null, 204);
    })
    .openapi(createKey, async (c) => {
      const { team, sa } = c.req.valid("param");
      const account = await serviceAccountForAdmin(c, team, sa);
      const { name, scope, expiresAt } = c.req.valid("json");
      const expiry = await checkedExpiry(c, expiresAt);
      const { key, row } = mintKey(name, c.var.deps.clock.now());
      const created = await createServiceAccountKey(c.var.deps.db, {
        ...row,
        scope,
        expiresAt: expiry,
        serviceAccountId: account.id,
      });
      return c.json({ ...keyDto(created, [], c.var.deps.clock.now()), key }, 201);
    })
    .openapi(removeKey, async (c) => {
      const { team, sa, id } = c.req.valid("param");
      const account = await serviceAccountForAdmin(c, team, sa);
      const deleted =
        isKeyId(id) && (await deleteServiceAccountKey(c.var.deps.db, { serviceAccountId: account.id, id }));
      if (!deleted) throw new HttpProblem(404, `Service account ${account.name} has no API key with ID ${id}.`);
      return c.body(null, 204);
    })
    .openapi(rotateKeyRoute, async (c) => {
      const { team, sa, id } = c.req.valid("param");
      const account = await serviceAccountForAdmin(c, team, sa);
      return rotateKey(c, id, { serviceAccountId: account.id });
    });
}
