import { findTeamByName, getTeamRole } from "@homebase/db";
import type { Context } from "hono";
import type { AuthedEnv } from "./context";
import { HttpProblem } from "./problem";

/** The team and the caller's role, or 404 when the caller is not a member (existence stays hidden). */
export async function teamForMember(c: Context<AuthedEnv>, name: string) {
  const { db } = c.var.deps;
  const team = await findTeamByName(db, name);
  const role = team && (await getTeamRole(db, team.id, c.var.principal.user.id));
  if (!team || !role) throw new HttpProblem(404, `There is no team "${name}" that you belong to.`);
  return { team, role };
}

export async function teamForAdmin(c: Context<AuthedEnv>, name: string) {
  const found = await teamForMember(c, name);
  if (found.role !== "admin") throw new HttpProblem(403, "Only team admins can do this.");
  return found;
}
