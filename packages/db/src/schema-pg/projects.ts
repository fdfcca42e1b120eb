// Generated from ../schema/projects.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { PROJECT_PRIVACIES } from "@homebase/core/vocabulary";
import { pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, flag, id } from "./columns";
import { entities } from "./entities";
import { users } from "./users";

export const projects = pgTable(
  "projects",
  {
    id: id(),
    entityId: text()
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    name: text().notNull(),
    privacy: text({ enum: PROJECT_PRIVACIES }).notNull(),
    codeSaving: flag().notNull(),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("projects_entity_name").on(t.entityId, t.name)],
);

export type Project = typeof projects.$inferSelect;
