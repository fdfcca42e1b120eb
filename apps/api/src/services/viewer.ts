import { getUserBetaFeatures, listUserTeams, resolveDefaultEntity } from "@homebase/db";
import type { AppDeps, Principal } from "../lib/context";

export interface ViewerDocument {
  id: string;
  username: string;
  email: string;
  entity: string;
  teams: string[];
  admin: boolean;
  /** Whether the email address is verified (a service account has none: false). */
  emailVerified: boolean;
}

/**
 * Who is calling, as /viewer and the GraphQL Viewer query tell it. A service account is
 * named after itself, and its entity and only team is its team.
 */
export async function describeViewer(deps: Required<AppDeps>, principal: Principal): Promise<ViewerDocument> {
  if (principal.kind === "service-account") {
    return {
      id: principal.serviceAccount.id,
      username: principal.serviceAccount.name,
      email: "",
      entity: principal.team.name,
      teams: [principal.team.name],
      admin: false,
      emailVerified: false,
    };
  }
  const { user } = principal;
  const teams = await listUserTeams(deps.db, user.id);
  const entity = await resolveDefaultEntity(deps.db, user, deps.config.deploymentMode, teams);
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    entity: entity.name,
    teams: teams.map((t) => t.name),
    admin: user.isAdmin,
    emailVerified: user.emailVerified,
  };
}

/** The enabled beta features, as the `flags` JSON of the GraphQL viewer. */
export async function viewerFlags(deps: Required<AppDeps>, principal: Principal): Promise<Record<string, boolean>> {
  if (principal.kind === "service-account") return {};
  return Object.fromEntries(await getUserBetaFeatures(deps.db, principal.user.id));
}
