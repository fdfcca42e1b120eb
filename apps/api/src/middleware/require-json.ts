import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../lib/context";
import { HttpProblem } from "../lib/problem";

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A request that sends a body in anything but JSON gets 415, except on routes that take raw bodies. */
export function requireJson(options: { except?: (path: string) => boolean } = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (WITH_BODY.has(c.req.method) && !options.except?.(c.req.path)) {
      const length = c.req.header("content-length");
      const hasBody = (length !== undefined && length !== "0") || c.req.header("transfer-encoding") !== undefined;
      const type = c.req.header("content-type");
      if (hasBody && !(type && JSON_TYPE.test(type))) {
        throw new HttpProblem(415, "Send the request body as JSON with Content-Type: application/json.");
      }
    }
    await next();
  });
}
