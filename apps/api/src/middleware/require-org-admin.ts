import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { PrincipalEnv } from "../lib/context";
import { HttpProblem } from "../lib/problem";

/** 403 unless the caller is an organisation admin (a person: service accounts never are). */
export function assertOrgAdmin(c: Context<PrincipalEnv>) {
  const p = c.var.principal;
  if (p.kind === "service-account" || !p.user.isAdmin) {
    throw new HttpProblem(403, "Only organisation admins can do this.");
  }
}

/**
 * Route middleware: organisation admins only, checked before the request is validated. (Routes
 * that validate first and check afterwards call assertOrgAdmin in the handler.)
 */
export const requireOrgAdmin = createMiddleware<PrincipalEnv>(async (c, next) => {
  assertOrgAdmin(c);
  await next();
});
