import { PageLoader } from "@homebase/ui";
import { createBrowserRouter, Navigate } from "react-router";
import { NotFoundPage } from "./pages/not-found-page";
import { RouteErrorPage } from "./pages/route-error-page";
import { SectionRoute } from "./settings/section-route";
import { SettingsIndex } from "./settings/settings-index";
import { SettingsLayout } from "./settings/settings-layout";

export const routes = [
  {
    errorElement: <RouteErrorPage />,
    // Shown while a lazy route's code loads on the first navigation.
    hydrateFallbackElement: <PageLoader minHeight="100dvh" />,
    children: [
      { path: "/", element: <Navigate to="/settings" replace /> },
      // Signed-in visits never need the auth pages: they load on demand.
      { path: "/login", lazy: async () => ({ Component: (await import("./auth/login-page")).LoginPage }) },
      { path: "/signup", lazy: async () => ({ Component: (await import("./auth/signup-page")).SignupPage }) },
      // The pages e-mailed links open, and the way to one: public, signed in or not.
      {
        path: "/forgot-password",
        lazy: async () => ({ Component: (await import("./auth/forgot-password-page")).ForgotPasswordPage }),
      },
      {
        path: "/reset-password",
        lazy: async () => ({ Component: (await import("./auth/reset-password-page")).ResetPasswordPage }),
      },
      {
        path: "/verify-email",
        lazy: async () => ({ Component: (await import("./auth/verify-email-page")).VerifyEmailPage }),
      },
      {
        path: "/u/:username",
        lazy: async () => ({ Component: (await import("./public-profile/public-profile-page")).PublicProfilePage }),
      },
      {
        path: "/settings",
        element: <SettingsLayout />,
        children: [
          { index: true, element: <SettingsIndex /> },
          { path: ":section", element: <SectionRoute /> },
        ],
      },
      // Team, run and organisation pages: inside the settings layout, which signs the visitor in first.
      {
        element: <SettingsLayout />,
        children: [
          {
            path: "/teams/:team",
            lazy: async () => ({ Component: (await import("./pages/team/team-page")).TeamPage }),
          },
          {
            path: "/runs/:entity/:project/:runId",
            lazy: async () => ({ Component: (await import("./pages/run/run-page")).RunPage }),
          },
          { path: "/admin", lazy: async () => ({ Component: (await import("./pages/admin/admin-page")).AdminPage }) },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
