import { FileTooLargeError, runFileStore } from "@homebase/blobs";
import { parseJsonObject, RUN_ID_PATTERN } from "@homebase/core";
import { recordRunFile, reportRun, reportRunningRunByPath } from "@homebase/db";
import { enqueueStorageRecalculation } from "@homebase/jobs";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { boundedWait } from "../lib/bounded";
import type { AppEnv, PrincipalEnv } from "../lib/context";
import { HttpProblem } from "../lib/problem";
import { entityForWrite } from "../lib/run-access";
import { requirePrincipal } from "../middleware/with-auth";
import { UPLOAD_ROUTE_PREFIX, uploadSigningKey, verifyUploadUrl } from "../services/run-file-uploads";
import { findRunForCaller, finishRunAndNotify, upsertRunForCaller } from "../services/runs";

/** file_stream bodies carry batches of history and console lines; the SDK caps a line near 10 MB. */
export const FILE_STREAM_MAX_BODY_BYTES = 64 * 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HISTORY_FILE = "wandb-history.jsonl";
const SUMMARY_FILE = "wandb-summary.json";

interface StreamFile {
  offset: number;
  content: string[];
}

/** The parts of a file_stream body Homebase keeps (WANDB-SDK.md); anything else in it is ignored. */
export interface FileStreamBody {
  files?: Record<string, StreamFile>;
  complete?: boolean;
  exitcode?: number;
}

/** Reads the body leniently: the SDK's own fields are checked, unknown ones ignored. Undefined when malformed. */
export function parseFileStreamBody(raw: unknown): FileStreamBody | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const body = raw as Record<string, unknown>;
  const out: FileStreamBody = {};
  if (body.files !== undefined && body.files !== null) {
    if (typeof body.files !== "object" || Array.isArray(body.files)) return undefined;
    out.files = {};
    for (const [name, value] of Object.entries(body.files as Record<string, unknown>)) {
      const file = value as Record<string, unknown> | null;
      if (!file || typeof file !== "object") return undefined;
      const offset = file.offset ?? 0;
      const content = file.content ?? [];
      if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0) return undefined;
      if (!Array.isArray(content) || !content.every((l) => typeof l === "string")) return undefined;
      out.files[name] = { offset, content: content as string[] };
    }
  }
  if (body.complete !== undefined && body.complete !== null) {
    if (typeof body.complete !== "boolean") return undefined;
    out.complete = body.complete;
  }
  if (body.exitcode !== undefined && body.exitcode !== null) {
    if (typeof body.exitcode !== "number" || !Number.isInteger(body.exitcode)) return undefined;
    out.exitcode = body.exitcode;
  }
  return out;
}

/**
 * The wandb SDK's run transport, outside /api/v1 (WANDB-SDK.md):
 * - `POST /files/:entity/:project/:run/file_stream` — heartbeats, history, summary and the exit
 *   code. Every request is a heartbeat. The owner of a run never gets a 4xx for a well-formed
 *   request: a run not created yet is created, a finished one is left alone (`{}`).
 * - `PUT /files/run-uploads/:id?path&expires&signature` — the bytes of a run file, with no
 *   credentials: the URL's signature (CreateRunFiles) is the authorization.
 * - `POST /sdk/otel/v1/metrics` — the SDK's telemetry: a quiet 404 turns it off.
 */
export function sdkFilesRouter() {
  const tooLarge = () => {
    throw new HttpProblem(413, `A file_stream body may be at most ${FILE_STREAM_MAX_BODY_BYTES} bytes.`);
  };
  const streamedLimit = bodyLimit({ maxSize: FILE_STREAM_MAX_BODY_BYTES, onError: tooLarge });
  // Hono's bodyLimit checks a declared Content-Length just as this does, but it reads
  // `c.req.raw.body` first, which makes @hono/node-server build a whole Request (AbortController,
  // body stream) and read the body through it instead of its direct fast path: 14–20 % of a
  // file_stream request in the profile (tooling/bench file-stream --profile). Node's parser
  // delivers exactly the declared length, so only chunked bodies need the counting reader.
  const limit: MiddlewareHandler<PrincipalEnv> = (c, next) => {
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return streamedLimit(c, next);
    return Number.parseInt(length, 10) > FILE_STREAM_MAX_BODY_BYTES ? tooLarge() : next();
  };
  const stream = new Hono<PrincipalEnv>();
  stream.post("/:entity/:project/:run/file_stream", limit, requirePrincipal, async (c) => {
    const { entity, project, run: runId } = c.req.param();
    if (!RUN_ID_PATTERN.test(runId) || project.length > 128 || entity.length > 64) {
      throw new HttpProblem(404, "There is no such run.");
    }
    let raw: unknown;
    try {
      const text = await c.req.text();
      raw = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      throw new HttpProblem(400, "The request body is not valid JSON.");
    }
    const body = parseFileStreamBody(raw);
    if (!body) throw new HttpProblem(400, "The body is not a file_stream request ({ files?, complete?, exitcode? }).");

    const deps = c.get("deps");
    const history = body.files?.[HISTORY_FILE];
    const summaryLines = body.files?.[SUMMARY_FILE]?.content;
    const summary = summaryLines?.length ? parseJsonObject(summaryLines[summaryLines.length - 1]) : undefined;
    const report = {
      now: deps.clock.now(),
      historyLineCount: history ? history.offset + history.content.length : undefined,
      summaryMetrics: summary ? JSON.stringify(summary) : undefined,
    };
    // The usual request, to a running run: one statement finds the run and records the report.
    const writable = await entityForWrite(c, entity);
    const live = await reportRunningRunByPath(deps.db, { entityId: writable.id, project, runId, ...report });
    if (live) {
      if (body.complete) await finishRunAndNotify(deps, live, body.exitcode ?? 0);
      return c.json({}, 200);
    }
    // Not recorded yet, ended, or crashed for silence: find (or create) the run, then report,
    // which revives a run the watchdog marked crashed and leaves an ended one alone.
    let found = await findRunForCaller(c, { entity, project, runId });
    if (!found) {
      // The stream of a run this caller may write to but that is not recorded (yet): keep it.
      const created = await upsertRunForCaller(c, { entity, project, runId });
      found = { run: created.run, entity: created.entity.name, project: created.project.name };
    }
    const state = await reportRun(deps.db, { id: found.run.id, ...report });
    if (state === "running" && body.complete) {
      await finishRunAndNotify(deps, found.run, body.exitcode ?? 0);
    }
    return c.json({}, 200);
  });

  const uploads = new Hono<AppEnv>();
  uploads.put("/:id", async (c) => {
    const id = c.req.param("id");
    const { config, clock, db } = c.var.deps;
    if (!UUID.test(id)) throw new HttpProblem(403, "This upload URL's signature is not valid.");
    const path = c.req.query("path");
    const verdict = verifyUploadUrl({
      key: uploadSigningKey(config.encryptionKey),
      runId: id,
      path,
      expires: c.req.query("expires"),
      signature: c.req.query("signature"),
      now: clock.now(),
    });
    if (verdict !== "valid") {
      throw new HttpProblem(
        403,
        verdict === "expired"
          ? "This upload URL has expired; ask for a new one (CreateRunFiles)."
          : "This upload URL's signature is not valid.",
      );
    }
    const length = Number(c.req.header("content-length") ?? "0");
    if (length > config.runFileMaxBytes) {
      throw new HttpProblem(413, `A run file may be at most ${config.runFileMaxBytes} bytes.`);
    }
    const store = runFileStore(config.blobs);
    let stored: { size: number; digest: string };
    try {
      stored = await store.put(id, path!, c.req.raw.body, config.runFileMaxBytes);
    } catch (err) {
      if (err instanceof FileTooLargeError) throw new HttpProblem(413, err.message);
      throw err;
    }
    const entityId = await recordRunFile(db, { runId: id, path: path!, ...stored, now: clock.now() });
    if (!entityId) {
      await store.removeRun(id);
      throw new HttpProblem(404, "The run of this upload no longer exists.");
    }
    // The usage shows the file within seconds, like any other report (the sweeper covers a lost job).
    await boundedWait(enqueueStorageRecalculation(c.var.deps.queues, entityId, clock.now().getTime())).catch(
      (err: Error) =>
        c.var.deps.logger.warn({ err: err.message }, "storage recalculation not enqueued; the sweeper will retry"),
    );
    return c.body(null, 200);
  });

  return new Hono<AppEnv>()
    .route("/files", stream as unknown as Hono<AppEnv>)
    .route(UPLOAD_ROUTE_PREFIX, uploads)
    .post("/sdk/otel/v1/metrics", (c) => c.body(null, 404));
}
