import { RUN_STATES } from "@homebase/core";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bigNumber, createdAt, id, timestamp } from "./columns";
import { entities } from "./entities";
import { projects } from "./projects";
import { serviceAccounts } from "./service-accounts";
import { storageObjects } from "./storage";
import { users } from "./users";

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
    /**
     * The run ID in W&B's sense (`run.id`, the bucket `name` of UpsertBucket): 8 characters the
     * SDK generates, unique within the project; the last segment of the run's URL.
     */
    runId: text().notNull(),
    /** The display name (W&B's `displayName`, e.g. "fancy-run-1"). */
    name: text().notNull(),
    state: text({ enum: RUN_STATES }).notNull().default("running"),
    /** The person who created the run: the recipient of its alerts. */
    createdById: text().references(() => users.id, { onDelete: "cascade" }),
    serviceAccountId: text().references(() => serviceAccounts.id, { onDelete: "set null" }),
    exitCode: integer(),
    createdAt: createdAt(),
    lastHeartbeatAt: timestamp().notNull(),
    endedAt: timestamp(),
    /** What the SDK tells about the run (UpsertBucket): free text, null when never sent. */
    notes: text(),
    host: text(),
    program: text(),
    groupName: text(),
    jobType: text(),
    commit: text(),
    /** JSON array of strings. */
    tags: text().notNull().default("[]"),
    /** The run config, a JSON object as text (UpsertBucket `config`). */
    config: text().notNull().default("{}"),
    /** The latest `wandb-summary.json` (or UpsertBucket `summaryMetrics`), a JSON object as text. */
    summaryMetrics: text().notNull().default("{}"),
    /** Lines of `wandb-history.jsonl` received (one per `run.log`). */
    historyLineCount: bigNumber().notNull().default(0),
  },
  (t) => [
    // The watchdog's query: running runs by last heartbeat.
    index("runs_state_heartbeat").on(t.state, t.lastHeartbeatAt),
    index("runs_created_by").on(t.createdById),
    index("runs_entity").on(t.entityId),
    // UpsertBucket and file_stream find a run by project and run ID.
    uniqueIndex("runs_project_run_id").on(t.projectId, t.runId),
  ],
);

export type Run = typeof runs.$inferSelect;

/**
 * The files of a run uploaded through signed URLs (CreateRunFiles): one row per run and path; a
 * re-upload replaces the row and its storage object.
 */
export const runFiles = sqliteTable(
  "run_files",
  {
    runId: text()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    path: text().notNull(),
    size: bigNumber().notNull(),
    /** SHA-256 of the bytes, hex: also the storage object's digest. */
    digest: text().notNull(),
    /** The `run_file` storage object that counts these bytes. */
    storageObjectId: bigNumber().references(() => storageObjects.id, { onDelete: "set null" }),
    updatedAt: timestamp().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.path] })],
);

export type RunFile = typeof runFiles.$inferSelect;
