import { randomInt } from "node:crypto";
import { createRun, createScriptableAlert, ensureProject, finishRun, heartbeatRun } from "@homebase/db";
import { enqueueDeliveries } from "@homebase/jobs";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { PrincipalEnv } from "../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";
import { entityForWrite, runForWriter } from "../lib/run-access";

export const ProjectName = z
  .string()
  .trim()
  .min(1, "Name the project.")
  .max(128, "Must be at most 128 characters.")
  .regex(/^[A-Za-z0-9._-]+$/, "Use letters, digits, dots, hyphens and underscores.");

const RunName = z.string().trim().min(1).max(128, "Must be at most 128 characters.");
const RunParam = z.object({ id: z.string().max(64) });

const RunSchema = z
  .object({
    id: z.string(),
    entity: z.string(),
    project: z.string(),
    name: z.string(),
    state: z.enum(["running", "finished", "crashed"]),
  })
  .openapi("Run");

const ADJECTIVES = [
  "amber",
  "bold",
  "calm",
  "dawn",
  "eager",
  "fancy",
  "gentle",
  "hazy",
  "icy",
  "jolly",
  "lucid",
  "misty",
  "noble",
  "quiet",
  "rapid",
  "solar",
  "tidy",
  "vivid",
  "witty",
  "zesty",
];
const NOUNS = [
  "aurora",
  "breeze",
  "cloud",
  "dream",
  "ember",
  "field",
  "grove",
  "harbor",
  "island",
  "jungle",
  "lake",
  "meadow",
  "night",
  "ocean",
  "planet",
  "river",
  "sky",
  "thunder",
  "valley",
  "wave",
];

/** A friendly default run name, as W&B gives: adjective-noun-number. */
function randomRunName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1, 1000)}`;
}

const create = createRoute({
  method: "post",
  path: "/runs",
  tags: ["Runs"],
  summary: "Start a run (the entity defaults to X-Homebase-Entity, then your default entity)",
  request: {
    body: jsonBody(z.object({ project: ProjectName, entity: z.string().max(64).optional(), name: RunName.optional() })),
  },
  responses: { 201: jsonResponse(RunSchema, "Started"), ...problems(401, 404, 422) },
});

const heartbeat = createRoute({
  method: "post",
  path: "/runs/{id}/heartbeat",
  tags: ["Runs"],
  summary: "Tell the watchdog the run is alive",
  request: { params: RunParam },
  responses: { 204: { description: "Noted" }, ...problems(401, 404, 409) },
});

const finish = createRoute({
  method: "post",
  path: "/runs/{id}/finish",
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
  path: "/runs/{id}/alerts",
  tags: ["Runs"],
  summary: "Send a scriptable alert (run.alert()); repeats of a title within waitDuration are throttled",
  request: {
    params: RunParam,
    body: jsonBody(
      z.object({
        title: z.string().trim().min(1, "Give the alert a title.").max(64, "Must be at most 64 characters."),
        text: z.string().max(4000, "Must be at most 4000 characters."),
        level: z.enum(["INFO", "WARN", "ERROR"]).default("INFO"),
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

async function enqueue(c: Context<PrincipalEnv>, deliveryIds: string[]) {
  if (deliveryIds.length === 0) return;
  const { queues, config, logger } = c.var.deps;
  // The rows are committed: if Redis is down now, the sweeper enqueues them later.
  await enqueueDeliveries(queues, deliveryIds, config.deliveryRetryBaseMs).catch((err: Error) =>
    logger.warn({ err: err.message, deliveries: deliveryIds.length }, "enqueue failed; the sweeper will retry"),
  );
}

export function runsRouter() {
  return createRouter<PrincipalEnv>()
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
        name: body.name ?? randomRunName(),
        createdById: userId,
        serviceAccountId: principal.kind === "service-account" ? principal.serviceAccount.id : null,
        now: clock.now(),
      });
      return c.json(
        { id: run.id, entity: entity.name, project: project.name, name: run.name, state: "running" as const },
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
      const { db, clock, config } = c.var.deps;
      const result = await finishRun(db, { id: run.id, exitCode, now: clock.now(), publicUrl: config.publicUrl });
      if (!result.ended) throw new HttpProblem(409, "The run has already ended; finishing it again changes nothing.");
      await enqueue(c, result.deliveryIds);
      return c.json({ state: result.state }, 200);
    })
    .openapi(alert, async (c) => {
      const { id } = c.req.valid("param");
      const { run } = await runForWriter(c, id);
      const body = c.req.valid("json");
      const { db, clock, config } = c.var.deps;
      const result = await createScriptableAlert(db, {
        runId: run.id,
        title: body.title,
        text: body.text,
        level: body.level,
        waitSeconds: body.waitDuration,
        now: clock.now(),
        publicUrl: config.publicUrl,
      });
      if (!result) throw new HttpProblem(404, `There is no run ${id}.`);
      await enqueue(c, result.deliveryIds);
      return c.json({ id: result.id, status: result.status }, 202);
    });
}
