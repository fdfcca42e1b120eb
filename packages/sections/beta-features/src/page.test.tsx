import { mockApi, problem, renderSection } from "@homebase/settings-kit/testing";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import section from "./index";

const catalogue = () => [
  { key: "run-comparer-v2", name: "Run comparer v2", description: "Compare up to 20 runs.", enabled: false },
  { key: "storage-insights", name: "Storage insights", description: "Find what to delete.", enabled: true },
];

/** The catalogue, with PUT /me/beta-features/:key answered by `put` (and remembered when it succeeds). */
function api(put: (key: string, enabled: boolean) => Response | Promise<Response>) {
  const state = catalogue();
  return mockApi({
    "GET /api/v1/me/beta-features": () => ({ items: state }),
    "PUT /api/v1/me/beta-features/:key": async ({ body, params }) => {
      const response = await put(params.key ?? "", body.enabled);
      const item = state.find((f) => f.key === params.key);
      if (response.ok && item) item.enabled = body.enabled;
      return response;
    },
  });
}

describe("beta features section", () => {
  it("lists the catalogue as labelled switches with their descriptions", async () => {
    api(() => Response.json({}));
    renderSection(section);
    const comparer = await screen.findByRole("switch", { name: "Run comparer v2" });
    expect((comparer as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole("switch", { name: "Storage insights" }) as HTMLInputElement).checked).toBe(true);
    const describedBy = comparer.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(describedBy)?.textContent).toBe("Compare up to 20 runs.");
  });

  it("saves a toggle at once", async () => {
    const { calls } = api((key, enabled) => Response.json({ key, enabled }));
    renderSection(section);
    const comparer = await screen.findByRole("switch", { name: "Run comparer v2" });
    fireEvent.click(comparer);
    await waitFor(() => expect((comparer as HTMLInputElement).checked).toBe(true));
    await waitFor(() => expect(calls.find((c) => c.method === "PUT")?.body).toEqual({ enabled: true }));
    expect(calls.find((c) => c.method === "PUT")?.path).toBe("/api/v1/me/beta-features/run-comparer-v2");
  });

  it("rolls the switch back and shows a toast when saving fails", async () => {
    let fail: (r: Response) => void = () => {};
    api(() => new Promise<Response>((resolve) => (fail = resolve)));
    renderSection(section);
    const comparer = (await screen.findByRole("switch", { name: "Run comparer v2" })) as HTMLInputElement;
    fireEvent.click(comparer);
    // Optimistic: on before the server answers.
    await waitFor(() => expect(comparer.checked).toBe(true));
    fail(problem(503, "The database is busy. Try again."));
    await waitFor(() => expect(comparer.checked).toBe(false));
    expect(await screen.findByText("Could not turn on “Run comparer v2”")).toBeTruthy();
    expect(screen.getByText("The database is busy. Try again.")).toBeTruthy();
  });

  it("shows an error with Retry when the catalogue cannot load, without refetching in a loop", async () => {
    let healthy = false;
    const { calls } = mockApi({
      "GET /api/v1/me/beta-features": () => (healthy ? { items: catalogue() } : problem(403, "Not for you.")),
    });
    renderSection(section);
    const retry = await screen.findByRole("button", { name: "Retry" });
    expect(screen.getByText("Not for you.")).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls.filter((c) => c.path === "/api/v1/me/beta-features").length).toBeLessThanOrEqual(2);
    healthy = true;
    fireEvent.click(retry);
    expect(await screen.findByRole("switch", { name: "Run comparer v2" })).toBeTruthy();
  });

  it("says so when the catalogue is empty", async () => {
    mockApi({ "GET /api/v1/me/beta-features": () => ({ items: [] }) });
    renderSection(section);
    expect(await screen.findByText("No beta features right now")).toBeTruthy();
    expect(screen.queryByRole("switch")).toBeNull();
  });
});
