import type { AuthedEnv } from "../lib/context";
import { createRouter } from "../lib/openapi";
import { requireUser } from "../middleware/with-auth";
import { adminRouter } from "./admin";
import { authRouter } from "./auth";
import { betaFeaturesRouter } from "./beta-features";
import { meSettingsRouter } from "./me-settings";
import { teamsRouter } from "./teams";
import { usersRouter } from "./users";
import { viewerRouter } from "./viewer";

/**
 * Everything under /api/v1: public routes first, then the auth gate, then protected routes.
 * Handlers are chained so that their types reach the typed client.
 */
export function apiRouter() {
  const protectedRoutes = createRouter<AuthedEnv>()
    .use("*", requireUser)
    .route("/", viewerRouter())
    .route("/", meSettingsRouter())
    .route("/", betaFeaturesRouter())
    .route("/", teamsRouter())
    .route("/", adminRouter());
  return createRouter().route("/", authRouter()).route("/", usersRouter()).route("/", protectedRoutes);
}
