import { digest, generateApiKey, isKeyId, nameSchema } from "@homebase/core";
import {
  createUserApiKey,
  deleteUserApiKey,
  getMaxApiKeyLifetimeDays,
  listUserApiKeys,
  recentKeyAddresses,
  schema,
} from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
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
    scope: z
      .enum(schema.API_KEY_SCOPES)
      .openapi({ description: "full, or read: GET requests and GraphQL queries only" }),
    expiresAt: z.string().nullable().openapi({ format: "date-time" }),
    revokedAt: z.string().nullable().openapi({ format: "date-time" }),
    revokedReason: z.enum(schema.API_KEY_REVOKED_REASONS).nullable(),
    recentAddresses: z.array(
      z.object({ address: z.string(), userAgent: z.string().nullable(), lastUsedAt: z.string() }),
    ),
  })
  .openapi("ApiKey");

/**
 * What creating a key takes (personal and service-account keys alike): a name, a scope (default
 * full) and an expiry (an instant in the future, or null/absent for none, as far as the
 * organisation's maximum lifetime allows).
 */
export const CreateKeyBody = z.object({
  name: KeyName,
  scope: z.enum(schema.API_KEY_SCOPES).default("full"),
  expiresAt: z.iso
    .datetime({ offset: true, message: "Give an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z." })
    .nullable()
    .optional(),
});

/**
 * The expiry of a new key, checked against now and the organisation's maximum lifetime
 * (GitLab's "maximum allowable lifetime"): 422 for a past instant, for none when a maximum is
 * set, and for anything past the maximum.
 */
export async function checkedExpiry(c: Context<AuthedEnv>, expiresAt: string | null | undefined): Promise<Date | null> {
  const { db, clock } = c.var.deps;
  const now = clock.now();
  const max = await getMaxApiKeyLifetimeDays(db);
  const invalid = (message: string) => new HttpProblem(422, message, { errors: [{ path: "expiresAt", message }] });
  const at = expiresAt ? new Date(expiresAt) : null;
  if (at && at.getTime() <= now.getTime()) throw invalid("The expiry must be in the future.");
  if (max !== null) {
    const latest = now.getTime() + max * 24 * 3600_000;
    if (!at) throw invalid(`Your organisation requires API keys to expire within ${max} days.`);
    if (at.getTime() > latest) throw invalid(`Your organisation allows API keys to live at most ${max} days.`);
  }
  return at;
}

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The full key. This is the only response that ever contains it." }),
}).openapi("CreatedApiKey");

type KeyRow = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  scope: schema.ApiKeyScope;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: schema.ApiKeyRevokedReason | null;
};

/**
 * A key as the API shows it, with its recent addresses, at `now`. An expired key reads as
 * revoked for "expired" at its expiry, and stays listed until deleted.
 */
export function keyDto(
  k: KeyRow,
  recentAddresses: { address: string; userAgent: string | null; lastUsedAt: Date }[] = [],
  now: Date = new Date(),
) {
  const expired = !k.revokedAt && k.expiresAt !== null && k.expiresAt.getTime() <= now.getTime();
  const revokedAt = k.revokedAt ?? (expired ? k.expiresAt : null);
  return {
    id: k.id,
    name: k.name,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt ? k.lastUsedAt.toISOString() : null,
    scope: k.scope,
    expiresAt: k.expiresAt ? k.expiresAt.toISOString() : null,
    revokedAt: revokedAt ? revokedAt.toISOString() : null,
    revokedReason: k.revokedReason ?? (expired ? ("expired" as const) : null),
    recentAddresses: recentAddresses.map((a) => ({ ...a, lastUsedAt: a.lastUsedAt.toISOString() })),
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
  request: { body: jsonBody(CreateKeyBody) },
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
      const { db, clock } = c.var.deps;
      const items = await listUserApiKeys(db, { userId: c.var.principal.user.id, q });
      const addresses = await recentKeyAddresses(
        db,
        items.map((k) => k.id),
      );
      const now = clock.now();
      return c.json({ items: items.map((k) => keyDto(k, addresses.get(k.id), now)) }, 200);
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
    });
}
