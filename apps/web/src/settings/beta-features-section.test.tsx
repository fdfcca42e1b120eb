import { cleanNotifications } from "@mantine/notifications";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { routes } from "../router";
import { mockApi, problem, renderRoutes } from "../test/render";

const viewer = { id: "u1", username: "ada", email: "ada@example.com", entity: "ada", teams: [], admin: false };
const catalogue = [
  { key: "run-comparer-v2", name: "Run comparer v2", description: "Compare up to 20 runs.", enabled: false },
  { key: "storage-insights", name: "Storage insights", description: "Find what to delete.", enabled: true },
];

function api(put: (key: string, enabled: boolean) => Response | Promise<Response>) {
  const state = catalogue.map((item) => ({ ...item }));
  return mockApi({
    "GET /api/v1/viewer": () => Response.json(viewer),
    "GET /api/v1/me/beta-features": () => Response.json({ items: state }),
    "PUT /api/v1/me/beta-features/run-comparer-v2": async ({ body }) => {
      const { enabled } = body as { enabled: boolean };
      const response = await put("run-comparer-v2", enabled);
      if (response.ok) state[0] = { ...(state[0] as (typeof state)[number]), enabled };
      return response;
    },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  cleanNotifications();
});

describe("beta features section in the shell", () => {
  it("lists the catalogue as labelled switches with their descriptions", async () => {
    api(() => Response.json({}));
    renderRoutes(routes, "/settings/beta-features");
    const comparer = await screen.findByRole("switch", { name: "Run comparer v2" });
    expect((comparer as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole("switch", { name: "Storage insights" }) as HTMLInputElement).checked).toBe(true);
    const describedBy = comparer.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(describedBy)?.textContent).toBe("Compare up to 20 runs.");
  });

  it("saves a toggle at once", async () => {
    const calls = api((key, enabled) => Response.json({ key, enabled }));
    renderRoutes(routes, "/settings/beta-features");
    const comparer = await screen.findByRole("switch", { name: "Run comparer v2" });
    fireEvent.click(comparer);
    await waitFor(() => expect((comparer as HTMLInputElement).checked).toBe(true));
    await waitFor(() => expect(calls.calls.find((c) => c.method === "PUT")?.body).toEqual({ enabled: true }));
  });

  it("rolls the switch back and shows a toast when saving fails", async () => {
    let fail: (r: Response) => void = () => {};
    api(() => new Promise<Response>((resolve) => (fail = resolve)));
    renderRoutes(routes, "/settings/beta-features");
    const comparer = (await screen.findByRole("switch", { name: "Run comparer v2" })) as HTMLInputElement;
    fireEvent.click(comparer);
    // Optimistic: on before the server answers.
    await waitFor(() => expect(comparer.checked).toBe(true));
    fail(problem(503, "The database is busy. Try again."));
    await waitFor(() => expect(comparer.checked).toBe(false));
    expect(await screen.findByText("Could not turn on “Run comparer v2”")).toBeTruthy();
    expect(screen.getByText("The database is busy. Try again.")).toBeTruthy();
  });

  it("shows an error with Retry when the catalogue cannot load", async () => {
    let healthy = false;
    const { calls } = mockApi({
      "GET /api/v1/viewer": () => Response.json(viewer),
      "GET /api/v1/me/beta-features": () =>
        healthy ? Response.json({ items: catalogue }) : problem(403, "Not for you."),
    });
    renderRoutes(routes, "/settings/beta-features");
    const retry = await screen.findByRole("button", { name: "Retry" });
    expect(screen.getByText("Not for you.")).toBeTruthy();
    // The rest of the shell is still there, and the failure does not turn into a refetch loop.
    expect(screen.getByRole("button", { name: /^Account menu/ })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls.filter((c) => c.path === "/api/v1/me/beta-features").length).toBeLessThanOrEqual(2);
    healthy = true;
    fireEvent.click(retry);
    expect(await screen.findByRole("switch", { name: "Run comparer v2" })).toBeTruthy();
  });

  it("says so when the catalogue is empty", async () => {
    mockApi({
      "GET /api/v1/viewer": () => Response.json(viewer),
      "GET /api/v1/me/beta-features": () => Response.json({ items: [] }),
    });
    renderRoutes(routes, "/settings/beta-features");
    expect(await screen.findByText("No beta features right now")).toBeTruthy();
    expect(screen.queryByRole("switch")).toBeNull();
  });
});
