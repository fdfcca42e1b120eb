import { digest, generateApiKey, isKeyId, nameSchema } from "@homebase/core";
import { createUserApiKey, deleteUserApiKey, listUserApiKeys } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";
import { requireSession } from "../middleware/with-auth";

export const KeyName = nameSchema(64, "Give the key a name.");

export const ApiKeySchema = z
  .object({
    id: z.string().openapi({ description: "The public key ID" }),
    name: z.string(),
    createdAt: z.string().openapi({ format: "date-time" }),
    lastUsedAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("ApiKey");

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The full key. This is the only response that ever contains it." }),
}).openapi("CreatedApiKey");

export function toKeyDto(k: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }) {
  return {
    id: k.id,
    name: k.name,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt ? k.lastUsedAt.toISOString() : null,
  };
}

/** A new key: the full key to show once, and the row to store (ID, name and digest only). */
export function mintKey(name: string, now: Date) {
  const generated = generateApiKey();
  return { key: generated.key, row: { id: generated.id, name, secretDigest: digest(generated.secret), now } };
}

const list = createRoute({
  method: "get",
  path: "/me/api-keys",
  tags: ["API keys"],
  summary: "Your API keys, newest first",
  request: { query: z.object({ q: z.string().max(64).optional() }) },
  responses: { 200: jsonResponse(z.object({ items: z.array(ApiKeySchema) }), "Keys"), ...problems(401) },
});

const create = createRoute({
  method: "post",
  path: "/me/api-keys",
  tags: ["API keys"],
  summary: "Create an API key (browser session only); the key is shown once",
  middleware: [requireSession] as const,
  request: { body: jsonBody(z.object({ name: KeyName })) },
  responses: { 201: jsonResponse(CreatedApiKeySchema, "Created"), ...problems(401, 403, 422) },
});

const remove = createRoute({
  method: "delete",
  path: "/me/api-keys/{id}",
  tags: ["API keys"],
  summary: "Delete an API key (browser session only); it stops working at once",
  middleware: [requireSession] as const,
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 204: { description: "Deleted" }, ...problems(401, 403, 404) },
});

export function apiKeysRouter() {
  return createRouter<AuthedEnv>()
    .openapi(list, async (c) => {
      const { q } = c.req.valid("query");
      const items = await listUserApiKeys(c.var.deps.db, { userId: c.var.principal.user.id, q });
      return c.json({ items: items.map(toKeyDto) }, 200);
    })
    .openapi(create, async (c) => {
      const { name } = c.req.valid("json");
      const { key, row } = mintKey(name, c.var.deps.clock.now());
      const created = await createUserApiKey(c.var.deps.db, { ...row, userId: c.var.principal.user.id });
      return c.json({ ...toKeyDto(created), key }, 201);
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      const deleted = isKeyId(id) && (await deleteUserApiKey(c.var.deps.db, { userId: c.var.principal.user.id, id }));
      if (!deleted) throw new HttpProblem(404, `You have no API key with ID ${id}.`);
      return c.body(null, 204);
    });
}
