// Generated from ../schema/entities.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { ENTITY_KINDS } from "@homebase/core/vocabulary";
import { sql } from "drizzle-orm";
import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, timestamp } from "./columns";

/**
 * The one namespace shared by usernames and team names: every user has a personal entity
 * named after it, every team an entity with the team's name. Projects, runs and stored
 * objects belong to an entity.
 */
export const entities = pgTable(
  "entities",
  {
    id: id(),
    name: text().notNull(),
    kind: text({ enum: ENTITY_KINDS }).notNull(),
    createdAt: createdAt(),
    /** Set when the owning account or team goes; the name is then free again. */
    deletedAt: timestamp(),
  },
  (t) => [
    uniqueIndex("entities_name_live").on(t.name).where(sql`${t.deletedAt} is null`),
    index("entities_kind").on(t.kind),
  ],
);

export type Entity = typeof entities.$inferSelect;
