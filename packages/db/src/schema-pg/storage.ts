// Generated from ../schema/storage.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { STORAGE_KINDS, STORAGE_LEVELS } from "@homebase/core";
import { index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { autoIncrementId, bigNumber, timestamp } from "./columns";
import { entities } from "./entities";
import { projects } from "./projects";

/**
 * Objects other services store for an entity. Objects with the same digest in one entity
 * count once. The integer key keeps rows and the covering index compact.
 */
export const storageObjects = pgTable(
  "storage_objects",
  {
    id: autoIncrementId(),
    entityId: text()
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: text({ enum: STORAGE_KINDS }).notNull(),
    path: text().notNull(),
    size: bigNumber().notNull(),
    digest: text().notNull(),
    createdAt: timestamp().notNull(),
  },
  (t) => [
    // Covering index of the deduplicated sums: one entity's objects by digest, first copy first.
    index("storage_objects_usage").on(t.entityId, t.digest, t.id, t.size, t.kind, t.projectId),
  ],
);

/** The last computed usage of an entity, and the storage level its users were last told about. */
export const storageUsage = pgTable("storage_usage", {
  entityId: text()
    .primaryKey()
    .references(() => entities.id, { onDelete: "cascade" }),
  usedBytes: bigNumber().notNull().default(0),
  artifactBytes: bigNumber().notNull().default(0),
  runFileBytes: bigNumber().notNull().default(0),
  mediaBytes: bigNumber().notNull().default(0),
  otherBytes: bigNumber().notNull().default(0),
  /** JSON [{ projectId, bytes }] sorted by bytes, largest first. */
  byProject: text().notNull().default("[]"),
  computedAt: timestamp(),
  level: text({ enum: STORAGE_LEVELS }).notNull().default("ok"),
  notifiedLevel: text({ enum: STORAGE_LEVELS }).notNull().default("ok"),
  /** Set by object writes, cleared by the recalculation that saw them: the sweeper's to-do list. */
  staleSince: timestamp(),
});

/** An organisation admin's quota override; absent = DEFAULT_STORAGE_QUOTA_BYTES. */
export const entityQuotas = pgTable("entity_quotas", {
  entityId: text()
    .primaryKey()
    .references(() => entities.id, { onDelete: "cascade" }),
  quotaBytes: bigNumber().notNull(),
});

/** One usage point an hour per entity, kept 90 days. */
export const storageHistory = pgTable(
  "storage_history",
  {
    entityId: text()
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    hour: timestamp().notNull(),
    usedBytes: bigNumber().notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.hour] }), index("storage_history_hour").on(t.hour)],
);
