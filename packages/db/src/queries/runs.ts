import {
  DEFAULT_ALERT_WAIT_SECONDS,
  heartbeatTimeoutReason,
  type RunRef,
  runCrashedMessage,
  runFinishedMessage,
} from "@homebase/core";
import { and, desc, eq, gt, lt } from "drizzle-orm";
import type { Db } from "../client";
import { type AlertLevel, entities, notifications, projects, type Run, runs, teamMembers } from "../schema";
import { recordNotification, recordThrottled } from "./notifications";
import type { Tx } from "./tx";

export interface CreateRunParams {
  entityId: string;
  projectId: string;
  name: string;
  createdById: string | null;
  serviceAccountId: string | null;
  now: Date;
}

export async function createRun(db: Db, p: CreateRunParams) {
  return db
    .insert(runs)
    .values({
      entityId: p.entityId,
      projectId: p.projectId,
      name: p.name,
      createdById: p.createdById,
      serviceAccountId: p.serviceAccountId,
      createdAt: p.now,
      lastHeartbeatAt: p.now,
    })
    .returning()
    .get();
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

function runRef(tx: Tx, run: Run): RunRef {
  const names = tx
    .select({ entity: entities.name, project: projects.name })
    .from(projects)
    .innerJoin(entities, eq(entities.id, projects.entityId))
    .where(eq(projects.id, run.projectId))
    .get();
  return { id: run.id, name: run.name, entity: names?.entity ?? "?", project: names?.project ?? "?" };
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

/** The run's URL in the platform, from PUBLIC_URL. */
export function runUrl(publicUrl: string, ref: RunRef): string {
  return `${publicUrl.replace(/\/$/, "")}/${ref.entity}/${ref.project}/runs/${ref.id}`;
}

export async function heartbeatRun(db: Db, p: { id: string; now: Date }): Promise<boolean> {
  return (
    db
      .update(runs)
      .set({ lastHeartbeatAt: p.now })
      .where(and(eq(runs.id, p.id), eq(runs.state, "running")))
      .run().changes > 0
  );
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
  },
): EndResult {
  const changed = tx
    .update(runs)
    .set({ state: p.state, exitCode: p.exitCode, endedAt: p.now })
    .where(and(eq(runs.id, p.run.id), eq(runs.state, "running")))
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
        url: runUrl(p.publicUrl, ref),
        now: p.now,
      }).deliveryIds,
  );
  return { ended: true, state: p.state, deliveryIds };
}

/** `finish` with an exit code: 0 is finished, anything else crashed. */
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
        state: p.exitCode === 0 ? "finished" : "crashed",
        exitCode: p.exitCode,
        reason: p.exitCode === 0 ? undefined : `it exited with code ${p.exitCode}`,
        now: p.now,
        publicUrl: p.publicUrl,
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
        url: runUrl(p.publicUrl, ref),
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
