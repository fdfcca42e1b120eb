import { STORAGE_KINDS, type StorageKind } from "@homebase/core";
import { storageUsageRow } from "@homebase/db";
import { z } from "./openapi";
import { IsoDateTime } from "./schemas";

/** Bytes per storage kind, one required number for each kind of core's STORAGE_KINDS. */
const bytesByKind = Object.fromEntries(STORAGE_KINDS.map((kind) => [kind, z.number()])) as Record<
  StorageKind,
  z.ZodNumber
>;

/** The usage document of `GET /entities/{entity}/storage`, `GET /me/storage` and `PUT /admin/entities/{entity}/quota`. */
export const StorageSchema = storageUsageRow
  .pick({ usedBytes: true, level: true })
  .extend({
    entity: z.string(),
    quotaBytes: z.number(),
    defaultQuotaBytes: z.number().openapi({
      description:
        "The deployment's default plan (DEFAULT_STORAGE_QUOTA_BYTES): the quota of an entity without an override",
    }),
    usedFraction: z.number(),
    computedAt: IsoDateTime.nullable(),
    byKind: z.object(bytesByKind),
    byProject: z.array(z.object({ project: z.string(), bytes: z.number() })),
    history: z.array(z.object({ at: z.string(), usedBytes: z.number() })),
  })
  .openapi("StorageUsage");
