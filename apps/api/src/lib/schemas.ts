import { API_KEY_REVOKED_REASONS, API_KEY_SCOPES, nameSchema, PROJECT_NAME_PATTERN } from "@homebase/core";
import { z } from "./openapi";

/** Request and response schemas that more than one router uses. */

export const ProjectName = z
  .string()
  .trim()
  .min(1, "Name the project.")
  .max(128, "Must be at most 128 characters.")
  .regex(PROJECT_NAME_PATTERN, "Use letters, digits, dots, hyphens and underscores.");

export const KeyName = nameSchema(64, "Give the key a name.");

export const ApiKeySchema = z
  .object({
    id: z.string().openapi({ description: "The public key ID" }),
    name: z.string(),
    createdAt: z.string().openapi({ format: "date-time" }),
    lastUsedAt: z.string().nullable().openapi({ format: "date-time" }),
    scope: z.enum(API_KEY_SCOPES).openapi({ description: "full, or read: GET requests and GraphQL queries only" }),
    expiresAt: z.string().nullable().openapi({ format: "date-time" }),
    revokedAt: z.string().nullable().openapi({ format: "date-time" }),
    revokedReason: z.enum(API_KEY_REVOKED_REASONS).nullable(),
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
  scope: z.enum(API_KEY_SCOPES).default("full"),
  expiresAt: z.iso
    .datetime({ offset: true, message: "Give an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z." })
    .nullable()
    .optional(),
});

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The full key. This is the only response that ever contains it." }),
}).openapi("CreatedApiKey");
