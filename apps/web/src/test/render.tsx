import { SettingsQueryProvider } from "@homebase/settings-kit";
import { UiProvider } from "@homebase/ui";
import { render } from "@testing-library/react";
import { createMemoryRouter, type RouteObject, RouterProvider } from "react-router";
import { createShellQueryClient } from "../query-client";

export { mockApi, problem } from "@homebase/settings-kit/testing";

/** Renders routes at `path` with the shell's providers (Mantine in test mode: no transitions, no portals). */
export function renderRoutes(routes: RouteObject[], path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createShellQueryClient();
  const view = render(
    <UiProvider env="test">
      <SettingsQueryProvider client={queryClient}>
        <RouterProvider router={router} />
      </SettingsQueryProvider>
    </UiProvider>,
  );
  return { ...view, router, queryClient };
}
