import { createMiddleware } from "hono/factory";
import type { PrincipalEnv } from "../lib/context";
import { HttpProblem } from "../lib/problem";

/**
 * Route middleware: 403 unless the caller is an organisation admin (a person: service accounts
 * never are), checked before the request is validated. Every /admin route uses it.
 */
export const requireOrgAdmin = createMiddleware<PrincipalEnv>(async (c, next) => {
  const p = c.var.principal;
  if (p.kind === "service-account" || !p.user.isAdmin) {
    throw new HttpProblem(403, "Only organisation admins can do this.");
  }
  await next();
});
