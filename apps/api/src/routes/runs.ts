import { ALERT_LEVELS, freeTextSchema, NOTIFICATION_KINDS, nameSchema } from "@homebase/core";
import { createRun, ensureProject, heartbeatRun, listRunAlerts, listRunFiles, runFileRow, runRow } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { PrincipalEnv } from "../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";
import { entityForWrite, runForWriter } from "../lib/run-access";
import { IsoDateTime, ProjectName } from "../lib/schemas";
import { alertRunAndNotify, findRunForCaller, finishRunAndNotify } from "../services/runs";

const RunName = nameSchema(128, "Name the run.");
const RunParam = z.object({ id: z.string().max(64) });

const RunSchema = runRow
  .pick({ name: true, state: true })
  .extend({
    id: runRow.shape.id.describe("The server id, for /runs/{id}/…"),
    runId: runRow.shape.runId.describe("The W&B run ID: the run page is /runs/{entity}/{project}/{runId}"),
    entity: z.string(),
    project: z.string(),
  })
  .openapi("Run");

const create = createRoute({
  method: "post",
  path: "/",
  tags: ["Runs"],
  summary: "Start a run (the entity defaults to X-Homebase-Entity, then your default entity)",
  request: {
    body: jsonBody(z.object({ project: ProjectName, entity: z.string().max(64).optional(), name: RunName.optional() })),
  },
  responses: { 201: jsonResponse(RunSchema, "Started"), ...problems(401, 404, 422) },
});

const heartbeat = createRoute({
  method: "post",
  path: "/{id}/heartbeat",
  tags: ["Runs"],
  summary: "Tell the watchdog the run is alive",
  request: { params: RunParam },
  responses: { 204: { description: "Noted" }, ...problems(401, 404, 409) },
});

const finish = createRoute({
  method: "post",
  path: "/{id}/finish",
  tags: ["Runs"],
  summary: "End the run: exit code 0 is finished, anything else crashed",
  request: {
    params: RunParam,
    body: jsonBody(z.object({ exitCode: z.number().int().min(-2147483648).max(2147483647) })),
  },
  responses: {
    200: jsonResponse(z.object({ state: z.enum(["finished", "crashed"]) }), "Ended"),
    ...problems(401, 404, 409, 422),
  },
});

const alert = createRoute({
  method: "post",
  path: "/{id}/alerts",
  tags: ["Runs"],
  summary: "Send a scriptable alert (run.alert()); repeats of a title within waitDuration are throttled",
  request: {
    params: RunParam,
    body: jsonBody(
      z.object({
        title: nameSchema(64, "Give the alert a title."),
        text: freeTextSchema(4000),
        level: z.enum(ALERT_LEVELS).default("INFO"),
        waitDuration: z
          .number()
          .min(0)
          .max(7 * 24 * 3600)
          .optional()
          .openapi({ description: "Seconds (default 60)" }),
      }),
    ),
  },
  responses: {
    202: jsonResponse(z.object({ id: z.string(), status: z.enum(["queued", "throttled"]) }), "Accepted"),
    ...problems(401, 404, 422),
  },
});

const RunDetailsSchema = runRow
  .pick({
    id: true,
    runId: true,
    state: true,
    exitCode: true,
    host: true,
    program: true,
    notes: true,
    historyLineCount: true,
  })
  .extend({
    entity: z.string(),
    project: z.string(),
    displayName: runRow.shape.name,
    createdAt: IsoDateTime,
    endedAt: IsoDateTime.nullable(),
    lastHeartbeatAt: IsoDateTime,
    tags: z.array(z.string()),
    summary: z.record(z.string(), z.unknown()),
    config: z.record(z.string(), z.unknown()),
    alerts: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(NOTIFICATION_KINDS),
        title: z.string(),
        level: z.enum(ALERT_LEVELS),
        status: z.enum(["queued", "throttled"]),
        createdAt: IsoDateTime,
      }),
    ),
    files: z.array(runFileRow.pick({ path: true, size: true, digest: true }).extend({ updatedAt: IsoDateTime })),
  })
  .openapi("RunDetails");

const details = createRoute({
  method: "get",
  path: "/{entity}/{project}/{runId}",
  tags: ["Runs"],
  summary: "A run as its page shows it: state, times, host, summary, alerts and files (members of the entity)",
  request: {
    params: z.object({ entity: z.string().max(64), project: z.string().max(128), runId: z.string().max(128) }),
  },
  responses: { 200: jsonResponse(RunDetailsSchema, "The run"), ...problems(401, 404) },
});

function parseJson(text: string, fallback: unknown) {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

export function runsRouter() {
  return createRouter<PrincipalEnv>()
    .openapi(details, async (c) => {
      const params = c.req.valid("param");
      const found = await findRunForCaller(c, params);
      if (!found) {
        throw new HttpProblem(
          404,
          `There is no run ${params.runId} in ${params.entity}/${params.project} that you can see.`,
        );
      }
      const { run } = found;
      const { db } = c.var.deps;
      const [alerts, files] = await Promise.all([listRunAlerts(db, run.id), listRunFiles(db, run.id)]);
      return c.json(
        {
          id: run.id,
          runId: run.runId,
          entity: found.entity,
          project: found.project,
          displayName: run.name,
          state: run.state,
          exitCode: run.exitCode,
          createdAt: run.createdAt.toISOString(),
          endedAt: run.endedAt?.toISOString() ?? null,
          lastHeartbeatAt: run.lastHeartbeatAt.toISOString(),
          host: run.host,
          program: run.program,
          notes: run.notes,
          tags: parseJson(run.tags, []) as string[],
          summary: parseJson(run.summaryMetrics, {}) as Record<string, unknown>,
          config: parseJson(run.config, {}) as Record<string, unknown>,
          historyLineCount: run.historyLineCount,
          alerts: alerts.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
          files: files.map((f) => ({ ...f, updatedAt: f.updatedAt.toISOString() })),
        },
        200,
      );
    })
    .openapi(create, async (c) => {
      const body = c.req.valid("json");
      const { db, clock } = c.var.deps;
      const entity = await entityForWrite(c, body.entity);
      const principal = c.var.principal;
      const userId = principal.kind === "service-account" ? null : principal.user.id;
      const project = await ensureProject(db, { entityId: entity.id, name: body.project, userId });
      const run = await createRun(db, {
        entityId: entity.id,
        projectId: project.id,
        name: body.name,
        createdById: userId,
        serviceAccountId: principal.kind === "service-account" ? principal.serviceAccount.id : null,
        now: clock.now(),
      });
      return c.json(
        {
          id: run.id,
          runId: run.runId,
          entity: entity.name,
          project: project.name,
          name: run.name,
          state: "running" as const,
        },
        201,
      );
    })
    .openapi(heartbeat, async (c) => {
      const { id } = c.req.valid("param");
      const { run } = await runForWriter(c, id);
      if (!(await heartbeatRun(c.var.deps.db, { id: run.id, now: c.var.deps.clock.now() }))) {
        throw new HttpProblem(409, `The run has already ended (${run.state}).`);
      }
      return c.body(null, 204);
    })
    .openapi(finish, async (c) => {
      const { id } = c.req.valid("param");
      const { run } = await runForWriter(c, id);
      const { exitCode } = c.req.valid("json");
      const result = await finishRunAndNotify(c.var.deps, run, exitCode);
      if (!result.ended) throw new HttpProblem(409, "The run has already ended; finishing it again changes nothing.");
      return c.json({ state: result.state }, 200);
    })
    .openapi(alert, async (c) => {
      const { id } = c.req.valid("param");
      const { run } = await runForWriter(c, id);
      const body = c.req.valid("json");
      const result = await alertRunAndNotify(c.var.deps, run, {
        title: body.title,
        text: body.text,
        level: body.level,
        waitSeconds: body.waitDuration,
      });
      if (!result) throw new HttpProblem(404, `There is no run ${id}.`);
      return c.json({ id: result.id, status: result.status }, 202);
    });
}
