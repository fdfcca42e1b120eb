import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, timestamp } from "./columns";
import { entities } from "./entities";
import { projects } from "./projects";
import { serviceAccounts } from "./service-accounts";
import { users } from "./users";

export const RUN_STATES = ["running", "finished", "crashed"] as const;
export type RunState = (typeof RUN_STATES)[number];

export const runs = sqliteTable(
  "runs",
  {
    id: id(),
    entityId: text()
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text().notNull(),
    state: text({ enum: RUN_STATES }).notNull().default("running"),
    /** The person who created the run: the recipient of its alerts. */
    createdById: text().references(() => users.id, { onDelete: "cascade" }),
    serviceAccountId: text().references(() => serviceAccounts.id, { onDelete: "set null" }),
    exitCode: integer(),
    createdAt: createdAt(),
    lastHeartbeatAt: timestamp().notNull(),
    endedAt: timestamp(),
  },
  (t) => [
    // The watchdog's query: running runs by last heartbeat.
    index("runs_state_heartbeat").on(t.state, t.lastHeartbeatAt),
    index("runs_created_by").on(t.createdById),
    index("runs_entity").on(t.entityId),
  ],
);

export type Run = typeof runs.$inferSelect;
