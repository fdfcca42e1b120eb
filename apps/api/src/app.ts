import { DomainError } from "@homebase/db";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { systemClock } from "./lib/clock";
import type { AppDeps, AppEnv } from "./lib/context";
import { HttpProblem, problemResponse } from "./lib/problem";
import { STORAGE_FULL_DETAIL, STORAGE_UNAVAILABLE_DETAIL, storageFailureStatus } from "./lib/storage-errors";
import { idempotency } from "./middleware/idempotency";
import { requestLog } from "./middleware/request-log";
import { requireJson } from "./middleware/require-json";
import { createWithAuth, enforceKeyScope, requireSameOrigin, withAuth } from "./middleware/with-auth";
import { mountDocs } from "./routes/docs";
import { sdkFilesRouter } from "./routes/file-stream";
import { graphqlRouter } from "./routes/graphql";
import { healthRouter } from "./routes/health";
import { apiRouter } from "./routes/index";
import { webShellRouter } from "./routes/web-shell";

const DOMAIN_STATUS = { conflict: 409, not_found: 404, forbidden: 403, invalid: 422 } as const;

/** JSON bodies larger than this are refused with 413. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * Builds the whole HTTP app from its dependencies. It never listens: server.ts does,
 * and tests call `app.request()`.
 */
export function createApp(deps: AppDeps) {
  const resolved: Required<AppDeps> = { ...deps, clock: deps.clock ?? systemClock };
  const app = new OpenAPIHono<AppEnv>();

  app.use("*", async (c, next) => {
    c.set("deps", resolved);
    await next();
  });
  app.use("*", requestId({ headerName: "X-Request-Id" }));
  app.use("*", secureHeaders({ crossOriginResourcePolicy: "same-origin" }));
  app.use("*", requestLog);

  app.onError((err, c) => {
    if (err instanceof HttpProblem) {
      // The wandb SDK shows a GraphQL answer's `errors`, never a problem's `detail`: on /graphql
      // the problem also carries its detail as a GraphQL error, so that `wandb login` and
      // `wandb.init` say why a key was refused (expired, rotated, leaked, rate limited).
      if (c.req.path === "/graphql" && !err.extra.errors) {
        const extensions = { ...err.extra.extensions, data: null, errors: [{ message: err.detail }] };
        return problemResponse(c, err.status, err.detail, { ...err.extra, extensions });
      }
      return problemResponse(c, err.status, err.detail, err.extra);
    }
    if (err instanceof DomainError) {
      return problemResponse(c, DOMAIN_STATUS[err.code], err.message, {
        errors: err.field ? [{ path: err.field, message: err.message }] : undefined,
      });
    }
    if (err instanceof HTTPException && err.status < 500) {
      const detail =
        err.status === 400 && /JSON/i.test(err.message) ? "The request body is not valid JSON." : err.message;
      return problemResponse(c, err.status as ContentfulStatusCode, detail || "The request could not be processed.");
    }
    const storage = storageFailureStatus(err);
    if (storage) {
      resolved.logger.warn({ reqId: c.var.requestId, err: (err as Error).message }, "storage unavailable");
      return problemResponse(c, storage, storage === 507 ? STORAGE_FULL_DETAIL : STORAGE_UNAVAILABLE_DETAIL, {
        headers: { "Retry-After": "60" },
      });
    }
    resolved.logger.error({ reqId: c.var.requestId, err }, "unhandled error");
    return problemResponse(
      c,
      500,
      `Something went wrong on our side. Quote request id ${c.var.requestId} when reporting it.`,
    );
  });

  app.notFound((c) => problemResponse(c, 404, `There is no route ${c.req.method} ${c.req.path}.`));

  app.route("/", healthRouter());
  mountDocs(app);

  const limitBody = bodyLimit({
    maxSize: MAX_JSON_BODY_BYTES,
    onError: () => {
      throw new HttpProblem(413, `The request body is larger than ${MAX_JSON_BODY_BYTES} bytes.`);
    },
  });
  // bodyLimit reads `c.req.raw.body`, which makes @hono/node-server build a whole Request (with
  // an AbortController) for every request it sees. GET and HEAD bodies are never read by any
  // route, so those skip it (tooling/bench http-auth: the biggest single cost of a GET).
  const jsonBodyLimit: MiddlewareHandler<AppEnv> = (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next);
  // Raw uploads set their own limit and content types on their route.
  const isRawUpload = (path: string) => path === "/api/v1/me/avatar";
  app.use(
    "/api/v1/*",
    (c, next) => (isRawUpload(c.req.path) ? next() : jsonBodyLimit(c, next)),
    requireJson({ except: isRawUpload }),
    withAuth,
    requireSameOrigin,
    enforceKeyScope,
    idempotency,
  );
  // GraphQL answers `viewer: null` for bad credentials instead of 401, as the wandb SDK expects.
  app.use("/graphql", jsonBodyLimit, requireJson(), createWithAuth({ invalidKey: "anonymous" }), requireSameOrigin);
  app.route("/", graphqlRouter());
  // The SDK's run stream authenticates like the API (Basic api:KEY or Bearer); uploads carry a signed URL instead.
  app.use("/files/:entity/:project/:run/file_stream", withAuth, requireSameOrigin, enforceKeyScope);
  app.route("/", sdkFilesRouter());
  const routes = app.route("/api/v1", apiRouter());

  if (deps.config.webDistDir) {
    const shell = webShellRouter(deps.config.webDistDir);
    // The wandb SDK prints W&B's run URL (BASE/entity/project/runs/ID): send it to the run page.
    app.get("/:entity/:project/runs/:runId", (c, next) => {
      const { entity, project, runId } = c.req.param();
      if (entity === "api") return next();
      const seg = encodeURIComponent;
      return c.redirect(`/runs/${seg(entity)}/${seg(project)}/${seg(runId)}`, 302);
    });
    app.get("*", async (c, next) => {
      if (c.req.path.startsWith("/api/") || c.req.path === "/graphql" || c.req.path.startsWith("/files/")) {
        return next();
      }
      return shell.fetch(c.req.raw, c.env);
    });
  }
  return routes;
}

export type App = ReturnType<typeof createApp>;
/** The route types, for `hc<AppType>()` in @homebase/settings-kit. */
export type AppType = App;
