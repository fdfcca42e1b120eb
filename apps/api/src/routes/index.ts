import type { AuthedEnv, PrincipalEnv } from "../lib/context";
import { createRouter } from "../lib/openapi";
import { refuseForeignOrigin, requirePrincipal, requireUser } from "../middleware/with-auth";
import { accountRouter } from "./account";
import { accountSecurityPublicRouter, accountSecurityRouter } from "./account-security";
import { adminRouter } from "./admin";
import { alertsRouter } from "./alerts";
import { apiKeyLifecycleRouter, apiKeyRevocationRouter } from "./api-key-lifecycle";
import { apiKeysRouter } from "./api-keys";
import { authRouter } from "./auth";
import { betaFeaturesRouter } from "./beta-features";
import { githubCallbackRouter, integrationsRouter } from "./integrations";
import { slackIntegrationRouter } from "./me-integrations-slack";
import { meSettingsRouter } from "./me-settings";
import { profileRouter } from "./profile";
import { runsRouter } from "./runs";
import { secretScanningRouter } from "./secret-scanning";
import { serviceAccountsRouter } from "./service-accounts";
import { storageRouter } from "./storage";
import { teamRolesRouter } from "./team-roles";
import { teamsRouter } from "./teams";
import { usersRouter } from "./users";
import { viewerRouter } from "./viewer";

/**
 * Everything under /api/v1: public routes first, then routes for any caller (people and
 * service accounts), then routes for people only. Handlers are chained so that their types
 * reach the typed client. A router named after its URL prefix is mounted there (/admin, whose
 * routes check the caller themselves; /me/integrations/slack).
 */
export function apiRouter() {
  // `use` is called on its own line: chained, it would drop the route types that follow it.
  const anyCaller = createRouter<PrincipalEnv>();
  anyCaller.use("*", requirePrincipal);
  const anyCallerRoutes = anyCaller
    .route("/", viewerRouter())
    .route("/", runsRouter())
    .route("/", storageRouter())
    .route("/admin", adminRouter());
  const people = createRouter<AuthedEnv>();
  people.use("*", requireUser);
  const peopleRoutes = people
    .route("/", profileRouter())
    .route("/", meSettingsRouter())
    .route("/", betaFeaturesRouter())
    .route("/", apiKeysRouter())
    .route("/", apiKeyLifecycleRouter())
    .route("/", alertsRouter())
    .route("/me/integrations/slack", slackIntegrationRouter())
    .route("/", integrationsRouter())
    .route("/", accountRouter())
    .route("/", accountSecurityRouter())
    .route("/", teamsRouter())
    .route("/", teamRolesRouter())
    .route("/", serviceAccountsRouter());
  const publicRoutes = createRouter();
  publicRoutes.use("/auth/*", refuseForeignOrigin);
  return publicRoutes
    .route("/", authRouter())
    .route("/", accountSecurityPublicRouter())
    .route("/", apiKeyRevocationRouter())
    .route("/", secretScanningRouter())
    .route("/", usersRouter())
    .route("/", githubCallbackRouter())
    .route("/", anyCallerRoutes)
    .route("/", peopleRoutes);
}
