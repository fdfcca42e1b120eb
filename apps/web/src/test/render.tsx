import { SettingsQueryProvider } from "@homebase/settings-kit";
import { UiProvider } from "@homebase/ui";
import { render } from "@testing-library/react";
import { createMemoryRouter, type RouteObject, RouterProvider } from "react-router";
import { vi } from "vitest";
import { createShellQueryClient } from "../query-client";

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

type Handler = (request: { url: URL; init: RequestInit; body: unknown }) => Response | Promise<Response>;

/**
 * Stubs `fetch` with handlers keyed "METHOD /path" and records every call.
 * Unknown routes answer 404 problem documents, as the API does.
 */
export function mockApi(handlers: Record<string, Handler>) {
  const calls: { method: string; path: string; body: unknown; init: RequestInit }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input), "http://localhost:3000");
    const method = (init.method ?? "GET").toUpperCase();
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname, body, init });
    const handler = handlers[`${method} ${url.pathname}`];
    if (!handler) return problem(404, `There is no route ${method} ${url.pathname}.`);
    return handler({ url, init, body });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock };
}

export function problem(
  status: number,
  detail: string,
  extra: { errors?: { path: string; message: string }[]; headers?: Record<string, string> } = {},
) {
  return new Response(JSON.stringify({ type: "about:blank", title: "Error", status, detail, errors: extra.errors }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...extra.headers },
  });
}
