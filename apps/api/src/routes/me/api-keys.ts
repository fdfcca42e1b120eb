import { isKeyId } from "@homebase/core";
import {
  createUserApiKey,
  deleteUserApiKey,
  getMaxApiKeyLifetimeDays,
  listUserApiKeys,
  recentKeyAddresses,
} from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../../lib/openapi";
import { HttpProblem } from "../../lib/problem";
import { ApiKeySchema, CreatedApiKeySchema, CreateKeyBody } from "../../lib/schemas";
import { requireSession } from "../../middleware/with-auth";
import { checkedExpiry, keyDto, mintKey, rotateKey } from "../../services/api-keys";

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["API keys"],
  summary: "Your API keys, newest first",
  request: { query: z.object({ q: z.string().max(64).optional() }) },
  responses: {
    200: jsonResponse(
      z.object({
        items: z.array(ApiKeySchema),
        maxLifetimeDays: z.number().int().nullable().openapi({
          description:
            "The organisation's maximum key lifetime in days (null: none): a new key must expire within it, so 'no expiry' and longer choices are not offered",
        }),
      }),
      "Keys",
    ),
    ...problems(401),
  },
});

const create = createRoute({
  method: "post",
  path: "/",
  tags: ["API keys"],
  summary: "Create an API key (browser session only); the key is shown once",
  middleware: [requireSession] as const,
  request: { body: jsonBody(CreateKeyBody) },
  responses: { 201: jsonResponse(CreatedApiKeySchema, "Created"), ...problems(401, 403, 422) },
});

const remove = createRoute({
  method: "delete",
  path: "/{id}",
  tags: ["API keys"],
  summary: "Delete an API key (browser session only); it stops working at once",
  middleware: [requireSession] as const,
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 204: { description: "Deleted" }, ...problems(401, 403, 404) },
});

const rotate = createRoute({
  method: "post",
  path: "/{id}/rotate",
  tags: ["API keys"],
  summary: "Rotate an API key (browser session only): a new key, shown once; the old one stops at once",
  middleware: [requireSession] as const,
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 201: jsonResponse(CreatedApiKeySchema, "The new key"), ...problems(401, 403, 404) },
});

/** /me/api-keys: the caller's personal API keys. */
export function apiKeysRouter() {
  return createRouter<AuthedEnv>()
    .openapi(list, async (c) => {
      const { q } = c.req.valid("query");
      const { db, clock } = c.var.deps;
      const items = await listUserApiKeys(db, { userId: c.var.principal.user.id, q });
      const addresses = await recentKeyAddresses(
        db,
        items.map((k) => k.id),
      );
      const now = clock.now();
      const maxLifetimeDays = await getMaxApiKeyLifetimeDays(db);
      return c.json({ items: items.map((k) => keyDto(k, addresses.get(k.id), now)), maxLifetimeDays }, 200);
    })
    .openapi(create, async (c) => {
      const { name, scope, expiresAt } = c.req.valid("json");
      const expiry = await checkedExpiry(c, expiresAt);
      const { key, row } = mintKey(name, c.var.deps.clock.now());
      const created = await createUserApiKey(c.var.deps.db, {
        ...row,
        scope,
        expiresAt: expiry,
        userId: c.var.principal.user.id,
      });
      return c.json({ ...keyDto(created, [], c.var.deps.clock.now()), key }, 201);
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      const deleted = isKeyId(id) && (await deleteUserApiKey(c.var.deps.db, { userId: c.var.principal.user.id, id }));
      if (!deleted) throw new HttpProblem(404, `You have no API key with ID ${id}.`);
      return c.body(null, 204);
    })
    .openapi(rotate, async (c) => rotateKey(c, c.req.valid("param").id, { userId: c.var.principal.user.id }));
}
