import { queryKeys } from "@homebase/settings-kit";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { routes } from "../router";
import { mockApi, problem, renderRoutes } from "../test/render";

// A registry with one healthy section, one that crashes when rendered and one behind a beta flag.
vi.mock("../sections", async () => {
  const { defineSettingsSection } = await import("@homebase/settings-kit");
  const Healthy = () => <p>healthy section body</p>;
  const Broken = () => {
    throw new Error("kaboom in the broken section");
  };
  const Flagged = () => <p>lineage body</p>;
  return {
    sections: [
      defineSettingsSection({
        id: "broken",
        title: "Broken",
        description: "A section whose page throws.",
        path: "broken",
        group: "Danger zone",
        order: 1,
        load: async () => ({ default: Broken }),
      }),
      defineSettingsSection({
        id: "healthy",
        title: "Profile",
        description: "Your public profile.",
        path: "profile",
        group: "Account",
        order: 1,
        load: async () => ({ default: Healthy }),
      }),
      defineSettingsSection({
        id: "lineage",
        title: "Lineage",
        description: "Artifact lineage.",
        path: "lineage",
        group: "Labs",
        order: 1,
        featureFlag: "artifact-lineage-graph",
        load: async () => ({ default: Flagged }),
      }),
    ],
  };
});

const viewer = { id: "u1", username: "ada", email: "ada@example.com", entity: "ada", teams: [], admin: false };

function signedIn(flags: Record<string, boolean> = {}, me: Record<string, unknown> | null = null, admin = false) {
  return mockApi({
    "GET /api/v1/viewer": () => Response.json({ ...viewer, admin }),
    ...(me ? { "GET /api/v1/me": () => Response.json({ username: "ada", name: "", avatarUrl: null, ...me }) } : {}),
    "GET /api/v1/me/beta-features": () =>
      Response.json({
        items: Object.entries(flags).map(([key, enabled]) => ({ key, name: key, description: "", enabled })),
      }),
    "POST /api/v1/auth/logout": () => new Response(null, { status: 204 }),
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("settings layout", () => {
  it("opens the first visible section and groups the navigation", async () => {
    signedIn();
    const { router } = renderRoutes(routes, "/settings");
    expect(await screen.findByText("healthy section body")).toBeTruthy();
    expect(router.state.location.pathname).toBe("/settings/profile");
    const nav = screen.getByRole("navigation", { name: "Settings" });
    const groupLabels = within(nav)
      .getAllByRole("list")
      .map((list) => document.getElementById(list.getAttribute("aria-labelledby") ?? "")?.textContent);
    expect(groupLabels).toEqual(["Account", "Danger zone"]);
    expect(within(nav).getByRole("link", { name: "Profile" }).getAttribute("aria-current")).toBe("page");
    expect(within(nav).queryByRole("link", { name: "Lineage" })).toBeNull();
    expect(screen.getByRole("heading", { level: 1, name: "Profile" })).toBeTruthy();
    expect(screen.getByText("Your public profile.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Account menu for ada" })).toBeTruthy();
  });

  it("keeps the shell up when a section crashes, and offers Retry", async () => {
    signedIn();
    vi.spyOn(console, "error").mockImplementation(() => {});
    renderRoutes(routes, "/settings/broken");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Broken could not be shown");
    expect(alert.textContent).toContain("kaboom in the broken section");
    expect(within(alert).getByRole("button", { name: "Retry" })).toBeTruthy();
    // The rest of the page still works.
    expect(screen.getByRole("heading", { level: 1, name: "Broken" })).toBeTruthy();
    fireEvent.click(screen.getByRole("link", { name: "Profile" }));
    expect(await screen.findByText("healthy section body")).toBeTruthy();
  });

  it("shows a feature-flagged section only while its beta feature is on", async () => {
    signedIn({ "artifact-lineage-graph": true });
    renderRoutes(routes, "/settings/lineage");
    expect(await screen.findByText("lineage body")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Lineage" })).toBeTruthy();
  });

  it("treats a hidden section's address as not found", async () => {
    signedIn({ "artifact-lineage-graph": false });
    renderRoutes(routes, "/settings/lineage");
    expect(await screen.findByRole("heading", { level: 1, name: "Section not found" })).toBeTruthy();
    expect(screen.queryByText("lineage body")).toBeNull();
  });

  it("sends a signed-out visitor to /login with next", async () => {
    mockApi({ "GET /api/v1/viewer": () => problem(401, "Sign in first.") });
    const { router } = renderRoutes(routes, "/settings/profile?tab=1");
    await screen.findByLabelText("Username or email");
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent("/settings/profile?tab=1")}`);
  });

  it("sends the user to /login when the session ends while they are on a page", async () => {
    let sessionValid = true;
    mockApi({
      "GET /api/v1/viewer": () => (sessionValid ? Response.json(viewer) : problem(401, "Sign in first.")),
      "GET /api/v1/me/beta-features": () =>
        sessionValid ? Response.json({ items: [] }) : problem(401, "Sign in first."),
    });
    const { router, queryClient } = renderRoutes(routes, "/settings/profile");
    await screen.findByText("healthy section body");
    sessionValid = false;
    // Any request now answered 401 (here a refetch) ends the visit.
    await queryClient.refetchQueries({ queryKey: queryKeys.betaFeatures });
    await screen.findByLabelText("Username or email");
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent("/settings/profile")}`);
  });

  it("logs out from the user menu and goes to /login", async () => {
    const api = signedIn();
    const { router } = renderRoutes(routes, "/settings/profile");
    fireEvent.click(await screen.findByRole("button", { name: "Account menu for ada" }));
    fireEvent.click(await screen.findByRole("menuitem", { name: "Log out" }));
    await screen.findByLabelText("Username or email");
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toBe("");
    expect(api.calls.some((c) => c.method === "POST" && c.path === "/api/v1/auth/logout")).toBe(true);
  });

  it("opens the user menu from the avatar: profile, settings and log out; no Admin for others", async () => {
    signedIn({}, { name: "Ada Lovelace" });
    const { router } = renderRoutes(routes, "/settings/profile");
    const trigger = await screen.findByRole("button", { name: "Account menu for ada" });
    expect(trigger.getAttribute("aria-haspopup")).toBe("menu");
    expect(trigger.getAttribute("aria-expanded")).toBe("false");
    // No picture: the initials of the name.
    await waitFor(() =>
      expect(screen.getByTestId("user-avatar").querySelector("[data-initials]")?.getAttribute("data-initials")).toBe(
        "AL",
      ),
    );
    expect(screen.getByTestId("user-avatar").querySelector("img")).toBeNull();
    fireEvent.click(trigger);
    const menu = await screen.findByRole("menu");
    expect(trigger.getAttribute("aria-expanded")).toBe("true");
    expect(menu.textContent).toContain("Signed in as");
    const items = within(menu).getAllByRole("menuitem");
    expect(items.map((item) => item.textContent)).toEqual(["Your profile", "Settings", "Log out"]);
    expect(items[0]?.getAttribute("href")).toBe("/u/ada");
    expect(items[1]?.getAttribute("href")).toBe("/settings");
    fireEvent.click(items[0]!);
    await waitFor(() => expect(router.state.location.pathname).toBe("/u/ada"));
  });

  it("shows the uploaded picture, and Admin for organisation admins", async () => {
    signedIn({}, { avatarUrl: "/api/v1/users/ada/avatar?v=3" }, true);
    renderRoutes(routes, "/settings/profile");
    const trigger = await screen.findByRole("button", { name: "Account menu for ada" });
    await waitFor(() =>
      expect(screen.getByTestId("user-avatar").querySelector("img")?.getAttribute("src")).toBe(
        "/api/v1/users/ada/avatar?v=3",
      ),
    );
    fireEvent.click(trigger);
    const menu = await screen.findByRole("menu");
    const items = within(menu).getAllByRole("menuitem");
    expect(items.map((item) => item.textContent)).toEqual(["Your profile", "Settings", "Admin", "Log out"]);
    expect(items[2]?.getAttribute("href")).toBe("/admin");
  });

  it("has no axe violations with the user menu open", async () => {
    signedIn({}, { name: "Ada Lovelace" }, true);
    const { container } = renderRoutes(routes, "/settings/profile");
    fireEvent.click(await screen.findByRole("button", { name: "Account menu for ada" }));
    await screen.findByRole("menu");
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.failureSummary).join(" | ")}`)).toEqual([]);
  });

  it("shows a 404 page for unknown addresses", async () => {
    signedIn();
    renderRoutes(routes, "/no/such/page");
    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Go to settings" }).getAttribute("href")).toBe("/settings");
  });

  it("has no axe violations (structure, names, ARIA)", async () => {
    signedIn();
    const { container } = renderRoutes(routes, "/settings/profile");
    await screen.findByText("healthy section body");
    // jsdom has no layout, so colour contrast is checked in the browser instead.
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
