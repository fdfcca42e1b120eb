import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../lib/context";

/**
 * One structured line per request. Only the path is logged: query strings can carry
 * secrets (OAuth codes), and headers are never logged.
 */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now();
  await next();
  const { logger } = c.get("deps");
  const status = c.res.status;
  const fields = {
    reqId: c.get("requestId"),
    method: c.req.method,
    path: c.req.path,
    status,
    ms: Math.round((performance.now() - started) * 10) / 10,
  };
  if (status >= 500) logger.error(fields, "request failed");
  // The wandb SDK's telemetry probe (/sdk/otel/…) is refused on purpose, and a run streams
  // every few seconds for as long as it lives: routine, so a line at debug level only.
  else if (c.req.path.startsWith("/sdk/") || (status < 400 && c.req.path.endsWith("/file_stream"))) {
    logger.debug(fields, "request");
  } else logger.info(fields, "request");
});
