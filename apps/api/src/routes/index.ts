import type { AuthedEnv, PrincipalEnv } from "../lib/context";
import { createRouter } from "../lib/openapi";
import { refuseForeignOrigin, requirePrincipal, requireUser } from "../middleware/with-auth";
import { adminRouter } from "./admin/index";
import { adminTeamsRouter } from "./admin/teams";
import { apiKeyRevocationRouter } from "./api-keys";
import { authRouter } from "./auth";
import { avatarsRouter } from "./avatars";
import { entitiesRouter } from "./entities";
import { githubCallbackRouter } from "./integrations";
import { accountRouter } from "./me/account";
import { alertsRouter } from "./me/alerts";
import { apiKeysRouter } from "./me/api-keys";
import { betaFeaturesRouter } from "./me/beta-features";
import { emailRouter } from "./me/email";
import { integrationsRouter } from "./me/integrations/index";
import { slackIntegrationRouter } from "./me/integrations/slack";
import { notificationsRouter } from "./me/notifications";
import { passwordRouter } from "./me/password";
import { profileRouter } from "./me/profile";
import { sessionsRouter } from "./me/sessions";
import { settingsRouter } from "./me/settings";
import { myStorageRouter } from "./me/storage";
import { myTeamsRouter } from "./me/teams";
import { runsRouter } from "./runs";
import { secretScanningRouter } from "./secret-scanning";
import { storageRouter } from "./storage";
import { teamsRouter } from "./teams/index";
import { teamMembersRouter } from "./teams/members";
import { serviceAccountsRouter } from "./teams/service-accounts";
import { usersRouter } from "./users";
import { viewerRouter } from "./viewer";

/**
 * Everything under /api/v1, each router mounted at its URL prefix; its file is named after the
 * prefix (a folder's index.ts holds the routes at the folder's own prefix: teams/index.ts is
 * /teams, me/integrations/index.ts /me/integrations). /me itself is the profile (me/profile.ts)
 * and the account's deletion (me/account.ts). Routers never import each other: this is the one
 * place that composes them.
 *
 * Three groups, registered in this order: public routes; routes for any caller, people and
 * service accounts (requirePrincipal); routes for people only (requireUser). Handlers are
 * chained so that their types reach the typed client.
 */
export function apiRouter() {
  // `use` is called on its own line: chained, it would drop the route types that follow it.
  const anyCaller = createRouter<PrincipalEnv>();
  anyCaller.use("*", requirePrincipal);
  const anyCallerRoutes = anyCaller
    .route("/viewer", viewerRouter())
    .route("/runs", runsRouter())
    .route("/storage", storageRouter())
    .route("/entities", entitiesRouter())
    .route("/me/storage", myStorageRouter())
    // /admin's routes check the caller themselves (organisation admins only).
    .route("/admin", adminRouter())
    .route("/admin/teams", adminTeamsRouter());
  const people = createRouter<AuthedEnv>();
  people.use("*", requireUser);
  const peopleRoutes = people
    .route("/me", profileRouter())
    .route("/me", accountRouter())
    .route("/me/email", emailRouter())
    .route("/me/password", passwordRouter())
    .route("/me/sessions", sessionsRouter())
    .route("/me/settings", settingsRouter())
    .route("/me/teams", myTeamsRouter())
    .route("/me/beta-features", betaFeaturesRouter())
    .route("/me/api-keys", apiKeysRouter())
    .route("/me/alerts", alertsRouter())
    .route("/me/notifications", notificationsRouter())
    .route("/me/integrations", integrationsRouter())
    .route("/me/integrations/slack", slackIntegrationRouter())
    .route("/teams", teamsRouter())
    .route("/teams", teamMembersRouter())
    .route("/teams", serviceAccountsRouter());
  const publicRoutes = createRouter();
  publicRoutes.use("/auth/*", refuseForeignOrigin);
  return publicRoutes
    .route("/auth", authRouter())
    .route("/users", usersRouter())
    .route("/avatars", avatarsRouter())
    .route("/api-keys", apiKeyRevocationRouter())
    .route("/secret-scanning", secretScanningRouter())
    .route("/integrations", githubCallbackRouter())
    .route("/", anyCallerRoutes)
    .route("/", peopleRoutes);
}
