import { SectionHeader, UiProvider } from "@homebase/ui";
import type { QueryClient } from "@tanstack/react-query";
import { act, type RenderResult, render } from "@testing-library/react";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { createMemoryRouter, RouterProvider, useLocation } from "react-router";
import type { Viewer } from "../endpoints";
import { createQueryClient, queryKeys, SettingsQueryProvider } from "../query";
import type { SettingsSection } from "../section";
import { UnsavedChangesProvider, useUnsavedChangesRegistry } from "../unsaved-changes";

/** A signed-in user as `GET /viewer` answers: "ada" with no teams, verified, not an admin. */
export function makeViewer(overrides: Partial<Viewer> = {}): Viewer {
  return {
    id: "u1",
    username: "ada",
    email: "ada@example.com",
    entity: "ada",
    teams: [],
    admin: false,
    emailVerified: true,
    ...overrides,
  };
}

export interface RenderSectionOptions {
  /** What follows `/settings/<path>` in the address, e.g. `"?edit=intro"`. */
  search?: string;
  /**
   * The viewer the shell would already have loaded (the shell renders a section only once it
   * knows who is signed in): put in the cache as `GET /viewer`'s answer. `null`: nothing cached.
   */
  viewer?: Partial<Viewer> | null;
}

export interface RenderedSection extends RenderResult {
  router: ReturnType<typeof createMemoryRouter>;
  queryClient: QueryClient;
  /** The shell's side of `useUnsavedChanges`: whether a form of the section reports unsaved changes. */
  unsaved: { isDirty(): boolean; discardAll(): void };
  /** How many answers were 401s seen by react-query: the shell would take each for an ended session. */
  sessionEnds(): number;
}

/** Where a link out of the section leads, in place of the shell's page there. */
function Elsewhere() {
  const { pathname, search } = useLocation();
  return <p data-testid="outside-section">{`${pathname}${search}`}</p>;
}

/**
 * Renders a section's page as the shell mounts it at `/settings/<path>`: Mantine (test mode: no
 * transitions or portals), react-query with the kit's policy, a router, the section's title and
 * description, and the unsaved-changes registry. The page loads through `section.load`, like the
 * shell's lazy route. Pair it with `mockApi` for the API.
 */
export function renderSection(section: SettingsSection, options: RenderSectionOptions = {}): RenderedSection {
  let sessionEnds = 0;
  const queryClient = createQueryClient({ onUnauthorized: () => void sessionEnds++ });
  const defaults = queryClient.getDefaultOptions();
  // The kit's retries, without the waits between them.
  queryClient.setDefaultOptions({ ...defaults, queries: { ...defaults.queries, retryDelay: 0 } });
  if (options.viewer !== null) queryClient.setQueryData(queryKeys.viewer, makeViewer(options.viewer ?? {}));

  const unsaved = { current: null as ReturnType<typeof useUnsavedChangesRegistry> | null };
  function Frame({ children }: { children: ReactNode }) {
    const registry = useUnsavedChangesRegistry();
    unsaved.current = registry;
    return <UnsavedChangesProvider registry={registry.registry}>{children}</UnsavedChangesProvider>;
  }
  function SectionPage() {
    const [Page] = useState(() => lazy(section.load));
    return (
      <main>
        <SectionHeader title={section.title} description={section.description} />
        <Suspense fallback={<p>Loading {section.title}…</p>}>
          <Page />
        </Suspense>
      </main>
    );
  }

  const path = `/settings/${section.path}`;
  const router = createMemoryRouter(
    [
      { path, element: <SectionPage /> },
      { path: "*", element: <Elsewhere /> },
    ],
    { initialEntries: [`${path}${options.search ?? ""}`] },
  );
  const view = render(
    <UiProvider env="test">
      <SettingsQueryProvider client={queryClient}>
        <Frame>
          <RouterProvider router={router} />
        </Frame>
      </SettingsQueryProvider>
    </UiProvider>,
  );
  return {
    ...view,
    router,
    queryClient,
    unsaved: {
      isDirty: () => unsaved.current?.isDirty() ?? false,
      discardAll: () => act(() => unsaved.current?.discardAll()),
    },
    sessionEnds: () => sessionEnds,
  };
}
