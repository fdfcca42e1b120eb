import {
  createScriptableAlert,
  ensureProject,
  findRunByPath,
  finishRun,
  type RunFields,
  type schema,
  upsertRun,
} from "@homebase/db";
import type { Context } from "hono";
import type { AppDeps, PrincipalEnv } from "../lib/context";
import { entityForWrite } from "../lib/run-access";
import { enqueueCommittedDeliveries } from "./deliveries";

/**
 * The run rules both clients share: the REST run routes (`/api/v1/runs…`) and the wandb SDK's
 * protocol (GraphQL UpsertBucket and NotifyScriptableRunAlert, file_stream). The rules
 * themselves live in packages/db (queries) and packages/core (states, names); this module
 * resolves the caller's entity and sends the resulting notifications on their way.
 */

function creator(c: Context<PrincipalEnv>) {
  const principal = c.var.principal;
  return principal.kind === "service-account"
    ? { createdById: null, serviceAccountId: principal.serviceAccount.id }
    : { createdById: principal.user.id, serviceAccountId: null };
}

/**
 * Creates or updates the run `runId` of `project` in the caller's entity (`entity`, else the
 * X-Homebase-Entity header, else the caller's default; a service account's team). The project is
 * created on first use with the creator's default privacy. 404 (NotFoundError / HttpProblem) for
 * an entity the caller may not write to.
 */
export async function upsertRunForCaller(
  c: Context<PrincipalEnv>,
  p: { entity?: string | null; project: string; runId: string; fields?: RunFields },
) {
  const entity = await entityForWrite(c, p.entity ?? null);
  const { db, clock } = c.var.deps;
  const who = creator(c);
  const project = await ensureProject(db, { entityId: entity.id, name: p.project, userId: who.createdById });
  const { run, inserted } = await upsertRun(db, {
    entityId: entity.id,
    projectId: project.id,
    runId: p.runId,
    ...who,
    fields: p.fields,
    now: clock.now(),
  });
  return {
    run,
    inserted,
    entity: { id: entity.id, name: entity.name },
    project: { id: project.id, name: project.name },
  };
}

/**
 * The run `runId` of `project` in `entity`, when the caller may write to that entity; undefined
 * when there is no such run. An entity the caller may not write to is 404.
 */
export async function findRunForCaller(
  c: Context<PrincipalEnv>,
  p: { entity: string; project: string; runId: string },
) {
  const entity = await entityForWrite(c, p.entity);
  return findRunByPath(c.var.deps.db, { entityId: entity.id, project: p.project, runId: p.runId });
}

/** Ends a run with an exit code (0 finished, else crashed) and sends its alert. */
export async function finishRunAndNotify(deps: Required<AppDeps>, run: Pick<schema.Run, "id">, exitCode: number) {
  const result = await finishRun(deps.db, {
    id: run.id,
    exitCode,
    now: deps.clock.now(),
    publicUrl: deps.config.publicUrl,
  });
  if (result.ended) await enqueueCommittedDeliveries(deps, result.deliveryIds);
  return result;
}

/**
 * `run.alert()`: records a scriptable alert (throttled per run and title within
 * `waitSeconds`, default 60 s) and sends it through the recipients' enabled channels.
 */
export async function alertRunAndNotify(
  deps: Required<AppDeps>,
  run: Pick<schema.Run, "id">,
  alert: { title: string; text: string; level: schema.AlertLevel; waitSeconds?: number },
) {
  const result = await createScriptableAlert(deps.db, {
    runId: run.id,
    ...alert,
    now: deps.clock.now(),
    publicUrl: deps.config.publicUrl,
  });
  if (result) await enqueueCommittedDeliveries(deps, result.deliveryIds);
  return result;
}
