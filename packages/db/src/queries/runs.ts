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
import { tables } from "../dialect";
import type { AlertLevel, Run, runs } from "../schema";
import { recordNotification, recordThrottled } from "./notifications";
import { columnPlaceholder, prepared, runPrepared } from "./prepared";
import { forUpdate, type Tx, transaction } from "./tx";

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
  return transaction(db, async (tx) => {
    const { runs } = tables(tx);
    const values = fieldValues(p.fields);
    // Insert unless the run exists (ON CONFLICT: the SDK may send its first UpsertBucket twice at
    // once, and on PostgreSQL two transactions can both find no row), then update the one there.
    const [created] = await tx
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
      .onConflictDoNothing()
      .returning();
    if (created) return { run: created, inserted: true };
    const where = and(eq(runs.projectId, p.projectId), eq(runs.runId, p.runId));
    if (Object.keys(values).length > 0) {
      const [run] = await tx.update(runs).set(values).where(where).returning();
      return { run: run!, inserted: false };
    }
    const [existing] = await tx.select().from(runs).where(where).limit(1);
    return { run: existing!, inserted: false };
  });
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
  const { runs, entities, projects } = tables(db);
  const [row] = await db
    .select({ run: runs, entity: entities.name, project: projects.name })
    .from(runs)
    .innerJoin(entities, eq(entities.id, runs.entityId))
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(eq(runs.id, id))
    .limit(1);
  return row;
}

/**
 * The run `runId` of project `project` of an entity, with the entity's and project's names.
 * Prepared once per connection: every file_stream request looks its run up here.
 */
export async function findRunByPath(db: Db, p: { entityId: string; project: string; runId: string }) {
  const [row] = await runPrepared(db, prepared(db, "run_by_path", runByPathPrepared), p);
  return row;
}

const runByPathPrepared = (db: Db) => {
  const { runs, entities, projects } = tables(db);
  return db
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
    );
};

async function runRef(tx: Tx, run: Run): Promise<RunRef> {
  const { entities, projects } = tables(tx);
  const [names] = await tx
    .select({ entity: entities.name, project: projects.name })
    .from(projects)
    .innerJoin(entities, eq(entities.id, projects.entityId))
    .where(eq(projects.id, run.projectId))
    .limit(1);
  return { id: run.id, runId: run.runId, name: run.name, entity: names?.entity ?? "?", project: names?.project ?? "?" };
}

/** Who hears about a run: its creator, or for a service account's run the team's admins. */
async function recipients(tx: Tx, run: Run): Promise<string[]> {
  if (run.createdById) return [run.createdById];
  const { teamMembers } = tables(tx);
  const admins = await tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, run.entityId), eq(teamMembers.role, "admin")));
  return admins.map((r) => r.userId);
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
    now: p.now,
    historyLineCount: p.historyLineCount ?? 0,
    summaryMetrics: p.summaryMetrics ?? null,
  };
  if ((await runPrepared(db, prepared(db, "report_run", reportStatementPrepared), params)).length > 0) return "running";
  return transaction(db, async (tx) => {
    const { runs } = tables(tx);
    const [run] = await forUpdate(tx, tx.select().from(runs).where(eq(runs.id, p.id)));
    if (!run) return undefined;
    if (run.state === "running") {
      // Raced with another report: it is running, and this report is as good as applied.
      await tx.update(runs).set({ lastHeartbeatAt: p.now }).where(eq(runs.id, p.id));
      return "running" as const;
    }
    if (!isRevivable(run)) return "ended" as const;
    await tx
      .update(runs)
      .set({
        state: "running",
        endedAt: null,
        lastHeartbeatAt: p.now,
        historyLineCount: Math.max(run.historyLineCount, params.historyLineCount),
        ...(p.summaryMetrics ? { summaryMetrics: p.summaryMetrics } : {}),
      })
      .where(eq(runs.id, p.id));
    return "running" as const;
  });
}

/**
 * The SET of a stream report. The larger history count is a CASE rather than SQLite's
 * two-argument max() or PostgreSQL's greatest(), which the other dialect lacks.
 */
function reportSet(runsTable: typeof runs) {
  const lines = columnPlaceholder(runsTable.historyLineCount, "historyLineCount");
  return {
    lastHeartbeatAt: sql`${columnPlaceholder(runsTable.lastHeartbeatAt, "now")}`,
    historyLineCount: sql`case when ${runsTable.historyLineCount} > ${lines} then ${runsTable.historyLineCount} else ${lines} end`,
    summaryMetrics: sql`coalesce(${sql.placeholder("summaryMetrics")}, ${runsTable.summaryMetrics})`,
  };
}

const reportStatementPrepared = (db: Db) => {
  const { runs } = tables(db);
  return db
    .update(runs)
    .set(reportSet(runs))
    .where(and(eq(runs.id, columnPlaceholder(runs.id, "id")), eq(runs.state, "running")))
    .returning({ id: runs.id });
};

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
  const [row] = await runPrepared(db, prepared(db, "report_running_run_by_path", reportByPathPrepared), {
    entityId: p.entityId,
    project: p.project,
    runId: p.runId,
    now: p.now,
    historyLineCount: p.historyLineCount ?? 0,
    summaryMetrics: p.summaryMetrics ?? null,
  });
  return row;
}

const reportByPathPrepared = (db: Db) => {
  const { runs, projects } = tables(db);
  return db
    .update(runs)
    .set(reportSet(runs))
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
    .returning({ id: runs.id });
};

/** A heartbeat (REST): false when the run ended with an exit code (or does not exist). */
export async function heartbeatRun(db: Db, p: { id: string; now: Date }): Promise<boolean> {
  return (await reportRun(db, p)) === "running";
}

export type EndResult = { ended: false } | { ended: true; state: "finished" | "crashed"; deliveryIds: string[] };

/**
 * Ends a running run and, in the same transaction, records its notification for each
 * recipient. A run that is no longer running is left alone ({ ended: false }).
 */
async function endRun(
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
): Promise<EndResult> {
  const { runs } = tables(tx);
  const live = p.revive
    ? or(eq(runs.state, "running"), and(eq(runs.state, "crashed"), isNull(runs.exitCode)))
    : eq(runs.state, "running");
  const changed = await tx
    .update(runs)
    .set({ state: p.state, exitCode: p.exitCode, endedAt: p.now })
    .where(and(eq(runs.id, p.run.id), live))
    .returning({ id: runs.id });
  if (changed.length === 0) return { ended: false };
  const ref = await runRef(tx, p.run);
  const message =
    p.state === "finished"
      ? runFinishedMessage(ref, p.exitCode ?? 0)
      : runCrashedMessage(ref, p.reason ?? "it stopped");
  const deliveryIds: string[] = [];
  for (const userId of await recipients(tx, p.run)) {
    const recorded = await recordNotification(tx, {
      userId,
      kind: message.kind,
      idempotencyKey: `run:${p.run.id}:${message.kind === "run_finished" ? "finished" : "crashed"}:${userId}`,
      title: message.title,
      text: message.text,
      level: message.level,
      runId: p.run.id,
      url: runPageUrl(p.publicUrl, ref),
      now: p.now,
    });
    deliveryIds.push(...recorded.deliveryIds);
  }
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
  return transaction(db, async (tx) => {
    const { runs } = tables(tx);
    const [run] = await tx.select().from(runs).where(eq(runs.id, p.id)).limit(1);
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
  });
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
  return transaction(db, async (tx) => {
    const { runs } = tables(tx);
    // PostgreSQL: SKIP LOCKED, so watchdogs of several workers take disjoint runs (and skip one
    // a report is reviving) instead of waiting on each other; ending stays conditional anyway.
    // SQLite: one writer at a time, the conditional UPDATE in endRun decides.
    const stale = await forUpdate(
      tx,
      tx
        .select()
        .from(runs)
        .where(and(eq(runs.state, "running"), lt(runs.lastHeartbeatAt, cutoff)))
        .limit(p.limit ?? 500),
      { skipLocked: true },
    );
    let crashed = 0;
    const deliveryIds: string[] = [];
    for (const run of stale) {
      const result = await endRun(tx, {
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
  });
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
  return transaction(db, async (tx) => {
    const { runs, notifications } = tables(tx);
    // The run's row is locked on PostgreSQL, so two alerts of one run are throttled one after the other.
    const [run] = await forUpdate(tx, tx.select().from(runs).where(eq(runs.id, p.runId)));
    if (!run) return undefined;
    const wait = (p.waitSeconds ?? DEFAULT_ALERT_WAIT_SECONDS) * 1000;
    const [recent] = await tx
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
      .limit(1);
    const ref = await runRef(tx, run);
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
    const users = await recipients(tx, run);
    if (recent && wait > 0) {
      for (const userId of users)
        await recordThrottled(tx, { ...base, userId, idempotencyKey: `run:${run.id}:alert:${alertId}:${userId}` });
      return { id: alertId, status: "throttled" as const, deliveryIds: [] as string[] };
    }
    const deliveryIds: string[] = [];
    for (const userId of users) {
      const recorded = await recordNotification(tx, {
        ...base,
        userId,
        idempotencyKey: `run:${run.id}:alert:${alertId}:${userId}`,
      });
      deliveryIds.push(...recorded.deliveryIds);
    }
    return { id: alertId, status: "queued" as const, deliveryIds };
  });
}
