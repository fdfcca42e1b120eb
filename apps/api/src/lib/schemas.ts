import { nameSchema, PROJECT_NAME_PATTERN } from "@homebase/core";
import { apiKeyRow } from "@homebase/db";
import { z } from "./openapi";

/** Request and response schemas that more than one router uses. */

/** An instant in a response: ISO 8601 with milliseconds, UTC (`Date.prototype.toISOString`). */
export const IsoDateTime = z.string().openapi({ format: "date-time" });

export const ProjectName = z
  .string()
  .trim()
  .min(1, "Name the project.")
  .max(128, "Must be at most 128 characters.")
  .regex(PROJECT_NAME_PATTERN, "Use letters, digits, dots, hyphens and underscores.");

export const KeyName = nameSchema(64, "Give the key a name.");

export const ApiKeySchema = apiKeyRow
  .pick({ name: true, revokedReason: true })
  .extend({
    id: apiKeyRow.shape.id.describe("The public key ID"),
    scope: apiKeyRow.shape.scope.describe("full, or read: GET requests and GraphQL queries only"),
    createdAt: IsoDateTime,
    lastUsedAt: IsoDateTime.nullable(),
    expiresAt: IsoDateTime.nullable(),
    revokedAt: IsoDateTime.nullable(),
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
  scope: apiKeyRow.shape.scope.default("full"),
  expiresAt: z.iso
    .datetime({ offset: true, message: "Give an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z." })
    .nullable()
    .optional(),
});

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The full key. This is the only response that ever contains it." }),
}).openapi("CreatedApiKey");
