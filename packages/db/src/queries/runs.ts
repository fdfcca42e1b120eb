import {
  DEFAULT_ALERT_WAIT_SECONDS,
  generateRunId,
  heartbeatTimeoutReason,
  isRevivable,
  type RunRef,
  randomRunName,
  runCrashedMessage,
  runFinishedMessage,
  runPageUrl,
  stateForExitCode,
} from "@homebase/core";
import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type AlertLevel, entities, notifications, projects, type Run, runs, teamMembers } from "../schema";
import { recordNotification, recordThrottled } from "./notifications";
import { prepared } from "./prepared";
import type { Tx } from "./tx";

/** What the SDK (UpsertBucket) or a program tells about a run; undefined or null fields are left as they are. */
export interface RunFields {
  displayName?: string | null;
  notes?: string | null;
  host?: string | null;
  program?: string | null;
  groupName?: string | null;
  jobType?: string | null;
  commit?: string | null;
  tags?: readonly string[] | null;
  /** A JSON object as text. */
  config?: string | null;
  /** A JSON object as text. */
  summaryMetrics?: string | null;
}

export interface UpsertRunParams {
  entityId: string;
  projectId: string;
  /** The W&B run ID, unique within the project (RUN_ID_PATTERN). */
  runId: string;
  createdById: string | null;
  serviceAccountId: string | null;
  fields?: RunFields;
  now: Date;
}

function fieldValues(f: RunFields = {}) {
  const out: Partial<typeof runs.$inferInsert> = {};
  if (f.displayName) out.name = f.displayName;
  if (f.notes != null) out.notes = f.notes;
  if (f.host != null) out.host = f.host;
  if (f.program != null) out.program = f.program;
  if (f.groupName != null) out.groupName = f.groupName;
  if (f.jobType != null) out.jobType = f.jobType;
  if (f.commit != null) out.commit = f.commit;
  if (f.tags != null) out.tags = JSON.stringify(f.tags);
  if (f.config != null) out.config = f.config;
  if (f.summaryMetrics != null) out.summaryMetrics = f.summaryMetrics;
  return out;
}

/**
 * Creates the run `runId` of a project, or updates the fields given of the one that exists
 * (W&B's UpsertBucket: the SDK sends it several times per run with the same ID). A new run
 * without a display name gets a friendly random one. The creator of an existing run never
 * changes. Returns the run and whether it was inserted.
 */
export async function upsertRun(db: Db, p: UpsertRunParams): Promise<{ run: Run; inserted: boolean }> {
  return db.transaction(
    (tx) => {
      const values = fieldValues(p.fields);
      const existing = tx
        .select()
        .from(runs)
        .where(and(eq(runs.projectId, p.projectId), eq(runs.runId, p.runId)))
        .get();
      if (existing) {
        if (Object.keys(values).length === 0) return { run: existing, inserted: false };
        const run = tx.update(runs).set(values).where(eq(runs.id, existing.id)).returning().get();
        return { run, inserted: false };
      }
      const run = tx
        .insert(runs)
        .values({
          name: randomRunName(),
          ...values,
          entityId: p.entityId,
          projectId: p.projectId,
          runId: p.runId,
          createdById: p.createdById,
          serviceAccountId: p.serviceAccountId,
          createdAt: p.now,
          lastHeartbeatAt: p.now,
        })
        .returning()
        .get();
      return { run, inserted: true };
    },
    { behavior: "immediate" },
  );
}

/** A run of the REST route `POST /runs`: a new run ID, the display name given or a random one. */
export async function createRun(
  db: Db,
  p: Omit<UpsertRunParams, "runId" | "fields"> & { name?: string },
): Promise<Run> {
  for (;;) {
    const { run, inserted } = await upsertRun(db, { ...p, runId: generateRunId(), fields: { displayName: p.name } });
    if (inserted) return run;
  }
}

/** A run with its entity and project names. */
export async function findRun(db: Db, id: string) {
  return db
    .select({ run: runs, entity: entities.name, project: projects.name })
    .from(runs)
    .innerJoin(entities, eq(entities.id, runs.entityId))
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(eq(runs.id, id))
    .get();
}

/**
 * The run `runId` of project `project` of an entity, with the entity's and project's names.
 * Prepared once per connection: every file_stream request looks its run up here.
 */
export async function findRunByPath(db: Db, p: { entityId: string; project: string; runId: string }) {
  return prepared(db, runByPathPrepared).get(p);
}

const runByPathPrepared = (db: Db) =>
  db
    .select({ run: runs, entity: entities.name, project: projects.name })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .innerJoin(entities, eq(entities.id, runs.entityId))
    .where(
      and(
        eq(projects.entityId, sql.placeholder("entityId")),
        eq(projects.name, sql.placeholder("project")),
        eq(runs.runId, sql.placeholder("runId")),
      ),
    )
    .prepare();

function runRef(tx: Tx, run: Run): RunRef {
  const names = tx
    .select({ entity: entities.name, project: projects.name })
    .from(projects)
    .innerJoin(entities, eq(entities.id, projects.entityId))
    .where(eq(projects.id, run.projectId))
    .get();
  return { id: run.id, runId: run.runId, name: run.name, entity: names?.entity ?? "?", project: names?.project ?? "?" };
}

/** Who hears about a run: its creator, or for a service account's run the team's admins. */
function recipients(tx: Tx, run: Run): string[] {
  if (run.createdById) return [run.createdById];
  return tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, run.entityId), eq(teamMembers.role, "admin")))
    .all()
    .map((r) => r.userId);
}

/**
 * What a live process reports: every report is a heartbeat; a stream may also carry the count
 * of history lines received so far and the latest summary (a JSON object as text).
 */
export interface RunReport {
  /** The server id of the run. */
  id: string;
  now: Date;
  /** History lines received so far (offset + lines of the last batch); the count only grows. */
  historyLineCount?: number;
  summaryMetrics?: string;
}

/**
 * Records a report from a live run (a heartbeat, with history and summary when given).
 * A run the watchdog marked crashed for silence (no exit code) comes back to running, as in
 * W&B; its crash alert is not repeated (the alert's idempotency key). Returns the run's state
 * after the report: "running", or "ended" for a run that ended with an exit code, which is
 * left unchanged; undefined when there is no such run.
 */
export async function reportRun(db: Db, p: RunReport): Promise<"running" | "ended" | undefined> {
  const params = {
    id: p.id,
    nowMs: p.now.getTime(),
    historyLineCount: p.historyLineCount ?? 0,
    summaryMetrics: p.summaryMetrics ?? null,
  };
  if (prepared(db, reportStatementPrepared).run(params).changes > 0) return "running";
  return db.transaction(
    (tx) => {
      const run = tx.select().from(runs).where(eq(runs.id, p.id)).get();
      if (!run) return undefined;
      if (run.state === "running") {
        // Raced with another report: it is running, and this report is as good as applied.
        tx.update(runs).set({ lastHeartbeatAt: p.now }).where(eq(runs.id, p.id)).run();
        return "running" as const;
      }
      if (!isRevivable(run)) return "ended" as const;
      tx.update(runs)
        .set({
          state: "running",
          endedAt: null,
          lastHeartbeatAt: p.now,
          historyLineCount: Math.max(run.historyLineCount, params.historyLineCount),
          ...(p.summaryMetrics ? { summaryMetrics: p.summaryMetrics } : {}),
        })
        .where(eq(runs.id, p.id))
        .run();
      return "running" as const;
    },
    { behavior: "immediate" },
  );
}

const reportStatementPrepared = (db: Db) =>
  db
    .update(runs)
    .set({
      lastHeartbeatAt: sql`${sql.placeholder("nowMs")}`,
      historyLineCount: sql`max(${runs.historyLineCount}, ${sql.placeholder("historyLineCount")})`,
      summaryMetrics: sql`coalesce(${sql.placeholder("summaryMetrics")}, ${runs.summaryMetrics})`,
    })
    .where(and(eq(runs.id, sql.placeholder("id")), eq(runs.state, "running")))
    .prepare();

/**
 * The usual stream report in one statement: the heartbeat, history count and summary of the
 * *running* run `runId` of project `project` of entity `entityId`, found by the unique index
 * (project, run ID). Undefined when no running run matched (not created yet, ended, or crashed
 * for silence): the caller then takes the full path, findRunByPath + reportRun, which creates,
 * revives or leaves the run alone. Saves file_stream a lookup and its row mapping per request.
 */
export async function reportRunningRunByPath(
  db: Db,
  p: Omit<RunReport, "id"> & { entityId: string; project: string; runId: string },
): Promise<{ id: string } | undefined> {
  return prepared(db, reportByPathPrepared).get({
    entityId: p.entityId,
    project: p.project,
    runId: p.runId,
    nowMs: p.now.getTime(),
    historyLineCount: p.historyLineCount ?? 0,
    summaryMetrics: p.summaryMetrics ?? null,
  });
}

const reportByPathPrepared = (db: Db) =>
  db
    .update(runs)
    .set({
      lastHeartbeatAt: sql`${sql.placeholder("nowMs")}`,
      historyLineCount: sql`max(${runs.historyLineCount}, ${sql.placeholder("historyLineCount")})`,
      summaryMetrics: sql`coalesce(${sql.placeholder("summaryMetrics")}, ${runs.summaryMetrics})`,
    })
    .where(
      and(
        eq(
          runs.projectId,
          sql`(select ${projects.id} from ${projects} where ${projects.entityId} = ${sql.placeholder("entityId")} and ${projects.name} = ${sql.placeholder("project")})`,
        ),
        eq(runs.runId, sql.placeholder("runId")),
        eq(runs.state, "running"),
      ),
    )
    .returning({ id: runs.id })
    .prepare();

/** A heartbeat (REST): false when the run ended with an exit code (or does not exist). */
export async function heartbeatRun(db: Db, p: { id: string; now: Date }): Promise<boolean> {
  return (await reportRun(db, p)) === "running";
}

export type EndResult = { ended: false } | { ended: true; state: "finished" | "crashed"; deliveryIds: string[] };

/**
 * Ends a running run and, in the same transaction, records its notification for each
 * recipient. A run that is no longer running is left alone ({ ended: false }).
 */
function endRun(
  tx: Tx,
  p: {
    run: Run;
    state: "finished" | "crashed";
    exitCode: number | null;
    reason?: string;
    now: Date;
    publicUrl: string;
    /** Also end a run the watchdog marked crashed for silence (it completes after all). */
    revive?: boolean;
  },
): EndResult {
  const live = p.revive
    ? or(eq(runs.state, "running"), and(eq(runs.state, "crashed"), isNull(runs.exitCode)))
    : eq(runs.state, "running");
  const changed = tx
    .update(runs)
    .set({ state: p.state, exitCode: p.exitCode, endedAt: p.now })
    .where(and(eq(runs.id, p.run.id), live))
    .run().changes;
  if (changed === 0) return { ended: false };
  const ref = runRef(tx, p.run);
  const message =
    p.state === "finished"
      ? runFinishedMessage(ref, p.exitCode ?? 0)
      : runCrashedMessage(ref, p.reason ?? "it stopped");
  const deliveryIds = recipients(tx, p.run).flatMap(
    (userId) =>
      recordNotification(tx, {
        userId,
        kind: message.kind,
        idempotencyKey: `run:${p.run.id}:${message.kind === "run_finished" ? "finished" : "crashed"}:${userId}`,
        title: message.title,
        text: message.text,
        level: message.level,
        runId: p.run.id,
        url: runPageUrl(p.publicUrl, ref),
        now: p.now,
      }).deliveryIds,
  );
  return { ended: true, state: p.state, deliveryIds };
}

/**
 * `finish` with an exit code: 0 is finished, anything else crashed. A run the watchdog marked
 * crashed for silence is ended too (it did complete), without repeating its crash alert.
 */
export async function finishRun(
  db: Db,
  p: { id: string; exitCode: number; now: Date; publicUrl: string },
): Promise<EndResult> {
  return db.transaction(
    (tx) => {
      const run = tx.select().from(runs).where(eq(runs.id, p.id)).get();
      if (!run) return { ended: false };
      return endRun(tx, {
        run,
        state: stateForExitCode(p.exitCode),
        exitCode: p.exitCode,
        reason: p.exitCode === 0 ? undefined : `it exited with code ${p.exitCode}`,
        now: p.now,
        publicUrl: p.publicUrl,
        revive: true,
      });
    },
    { behavior: "immediate" },
  );
}

/**
 * The watchdog: marks crashed every running run without a heartbeat since `now - timeout`,
 * through the (state, last_heartbeat_at) index. Each run ends once, even with several
 * watchdogs at work, because ending is conditional on the run still running.
 */
export async function crashStaleRuns(
  db: Db,
  p: { now: Date; timeoutSeconds: number; publicUrl: string; limit?: number },
): Promise<{ crashed: number; deliveryIds: string[] }> {
  const cutoff = new Date(p.now.getTime() - p.timeoutSeconds * 1000);
  return db.transaction(
    (tx) => {
      const stale = tx
        .select()
        .from(runs)
        .where(and(eq(runs.state, "running"), lt(runs.lastHeartbeatAt, cutoff)))
        .limit(p.limit ?? 500)
        .all();
      let crashed = 0;
      const deliveryIds: string[] = [];
      for (const run of stale) {
        const result = endRun(tx, {
          run,
          state: "crashed",
          exitCode: null,
          reason: heartbeatTimeoutReason(p.timeoutSeconds),
          now: p.now,
          publicUrl: p.publicUrl,
        });
        if (result.ended) {
          crashed += 1;
          deliveryIds.push(...result.deliveryIds);
        }
      }
      return { crashed, deliveryIds };
    },
    { behavior: "immediate" },
  );
}

export interface ScriptableAlertParams {
  runId: string;
  title: string;
  text: string;
  level: AlertLevel;
  waitSeconds?: number;
  now: Date;
  publicUrl: string;
}

/**
 * `run.alert()`: a second alert with the same title on the same run within `waitSeconds`
 * (default 60) is recorded as throttled and sent nowhere.
 */
export async function createScriptableAlert(
  db: Db,
  p: ScriptableAlertParams,
): Promise<{ id: string; status: "queued" | "throttled"; deliveryIds: string[] } | undefined> {
  return db.transaction(
    (tx) => {
      const run = tx.select().from(runs).where(eq(runs.id, p.runId)).get();
      if (!run) return undefined;
      const wait = (p.waitSeconds ?? DEFAULT_ALERT_WAIT_SECONDS) * 1000;
      const recent = tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          and(
            eq(notifications.runId, run.id),
            eq(notifications.title, p.title),
            eq(notifications.kind, "scriptable"),
            eq(notifications.status, "queued"),
            gt(notifications.createdAt, new Date(p.now.getTime() - wait)),
          ),
        )
        .orderBy(desc(notifications.createdAt))
        .get();
      const ref = runRef(tx, run);
      const base = {
        kind: "scriptable" as const,
        title: p.title,
        text: p.text,
        level: p.level,
        runId: run.id,
        url: runPageUrl(p.publicUrl, ref),
        now: p.now,
      };
      const alertId = crypto.randomUUID();
      const users = recipients(tx, run);
      if (recent && wait > 0) {
        for (const userId of users)
          recordThrottled(tx, { ...base, userId, idempotencyKey: `run:${run.id}:alert:${alertId}:${userId}` });
        return { id: alertId, status: "throttled" as const, deliveryIds: [] };
      }
      const deliveryIds = users.flatMap(
        (userId) =>
          recordNotification(tx, { ...base, userId, idempotencyKey: `run:${run.id}:alert:${alertId}:${userId}` })
            .deliveryIds,
      );
      return { id: alertId, status: "queued" as const, deliveryIds };
    },
    { behavior: "immediate" },
  );
}
