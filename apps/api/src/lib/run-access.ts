import { findRun, resolveWriteEntity, writableEntities } from "@homebase/db";
import type { Context } from "hono";
import type { PrincipalEnv } from "./context";
import { HttpProblem } from "./problem";

/** The header that names the entity for programmatic calls, as HOMEBASE_ENTITY does for clients. */
export const ENTITY_HEADER = "x-homebase-entity";

/**
 * The entity a program writes to: the explicit one, else X-Homebase-Entity, else the caller's
 * default. A service account writes to its team only. Anything else is 404.
 */
export async function entityForWrite(c: Context<PrincipalEnv>, explicit?: string | null) {
  const principal = c.var.principal;
  const requested = explicit ?? c.req.header(ENTITY_HEADER) ?? null;
  if (principal.kind === "service-account") {
    if (requested && requested.trim().toLowerCase() !== principal.team.name) {
      throw new HttpProblem(404, `There is no entity "${requested}" that this service account can write to.`);
    }
    return { id: principal.team.id, name: principal.team.name, kind: "team" as const };
  }
  // An entity the caller may not write to is a NotFoundError: 404 through app.onError.
  return resolveWriteEntity(c.var.deps.db, {
    user: principal.user,
    mode: c.var.deps.config.deploymentMode,
    explicit: explicit ?? null,
    header: c.req.header(ENTITY_HEADER) ?? null,
  });
}

/** The set of entity ids the caller may write to. */
export async function writableEntityIds(c: Context<PrincipalEnv>): Promise<Set<string>> {
  const principal = c.var.principal;
  if (principal.kind === "service-account") return new Set([principal.team.id]);
  return new Set((await writableEntities(c.var.deps.db, principal.user)).map((e) => e.id));
}

/** A run the caller may write to, or 404. */
export async function runForWriter(c: Context<PrincipalEnv>, id: string) {
  const found = await findRun(c.var.deps.db, id);
  if (!found || !(await writableEntityIds(c)).has(found.run.entityId)) {
    throw new HttpProblem(404, `There is no run ${id} that you can write to.`);
  }
  return found;
}
