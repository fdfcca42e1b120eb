import { defineSettingsSection, type SettingsGroup, SettingsQueryProvider, type Viewer } from "@homebase/settings-kit";
import { type ApiDouble, type ApiHandlers, makeViewer, mockApi } from "@homebase/settings-kit/testing";
import { UiProvider } from "@homebase/ui";
import { render } from "@testing-library/react";
import type { ComponentType } from "react";
import { createMemoryRouter, type RouteObject, RouterProvider } from "react-router";
import { createShellQueryClient } from "../query-client";

export { type ApiHandlers, makeViewer, mockApi, problem } from "@homebase/settings-kit/testing";

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

/** A member of the team acme, as the team and run pages' tests sign in. */
export const TEAM_MEMBER = makeViewer({ email: "ada@acme.org", entity: "acme", teams: ["acme"] });

/**
 * The API double of a signed-in visit: `GET /viewer` answers `viewer`, the beta-feature catalogue
 * is empty (the shell reads both before any page), and `handlers` answer the rest.
 */
export function signedIn(handlers: ApiHandlers = {}, viewer: Viewer = makeViewer()): ApiDouble {
  return mockApi({
    "GET /api/v1/viewer": () => viewer,
    "GET /api/v1/me/beta-features": () => ({ items: [] }),
    ...handlers,
  });
}

export interface TestSectionOptions {
  id: string;
  title: string;
  group: SettingsGroup;
  /** The page; its path is the id. */
  page: ComponentType;
  description?: string;
  order?: number;
  path?: string;
  featureFlag?: string;
}

/** A settings section standing in for a real one, for `vi.mock("../sections", …)` in the shell's tests. */
export function testSection({
  id,
  title,
  group,
  page,
  description = `The ${title} section.`,
  order = 1,
  path = id,
  featureFlag,
}: TestSectionOptions) {
  return defineSettingsSection({
    id,
    title,
    description,
    path,
    group,
    order,
    ...(featureFlag ? { featureFlag } : {}),
    load: async () => ({ default: page }),
  });
}
