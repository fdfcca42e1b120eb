import { screen, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { routes } from "../router";
import { mockApi, problem, renderRoutes } from "../test/render";

const profile = {
  username: "ada",
  name: "Ada Lovelace",
  institution: "Analytical Engines",
  bio: "First programmer.\nNotes on the engine.",
  location: "London",
  websiteUrl: "https://ada.example.org/",
  avatarUrl: "/api/v1/avatars/0123456789abcdef0123456789abcdef.webp",
  introHtml:
    '<h2>About</h2><p><a href="https://x.com/intent/follow?screen_name=weights_biases" rel="nofollow noopener noreferrer"><img src="https://img.shields.io/twitter/follow/weights_biases?style=social" alt="X: @weights_biases"></a></p>',
  teams: ["engines", "poetry"],
  teamDetails: [
    { name: "engines", displayName: "Analytical Engine Society" },
    { name: "poetry", displayName: "poetry" },
  ],
};
const viewer = { id: "u1", username: "ada", email: "ada@example.com", entity: "ada", teams: [], admin: false };

function api({ signedInAs, user = profile }: { signedInAs?: string; user?: Record<string, unknown> | null }) {
  return mockApi({
    "GET /api/v1/viewer": () =>
      signedInAs ? Response.json({ ...viewer, username: signedInAs }) : problem(401, "Sign in first."),
    "GET /api/v1/users/:username": () => (user ? Response.json(user) : problem(404, 'There is no user "ada".')),
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("public profile page", () => {
  it("shows the profile to a signed-out visitor, with Sign in and no Edit buttons", async () => {
    api({});
    renderRoutes(routes, "/u/ada");
    expect(await screen.findByRole("heading", { level: 1, name: "Ada Lovelace" })).toBeTruthy();
    expect(screen.getByText("@ada")).toBeTruthy();
    expect(screen.getByText(/First programmer\./)).toBeTruthy();
    expect(screen.getByText("Analytical Engines")).toBeTruthy();
    expect(screen.getByText("London")).toBeTruthy();
    const website = screen.getByRole("link", { name: "ada.example.org" });
    expect(website.getAttribute("href")).toBe("https://ada.example.org/");
    expect(website.getAttribute("rel")).toBe("nofollow noopener noreferrer");
    expect(screen.getByRole("img", { name: "Profile picture of Ada Lovelace" }).getAttribute("src")).toBe(
      profile.avatarUrl,
    );
    const teams = screen.getByRole("region", { name: "Teams" });
    expect(
      within(teams)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Analytical Engine Society (engines)", "poetry"]);
    expect(within(teams).getByText("Analytical Engine Society")).toBeTruthy();
    // The intro is the API's HTML: the badge is an image inside the follow link.
    const intro = screen.getByRole("region", { name: "Intro" });
    const badge = within(intro).getByRole("link", { name: "X: @weights_biases" });
    expect(badge.getAttribute("href")).toBe("https://x.com/intent/follow?screen_name=weights_biases");
    expect(within(badge).getByRole("img").getAttribute("src")).toContain("img.shields.io");
    expect((await screen.findByRole("link", { name: "Sign in" })).getAttribute("href")).toBe(
      `/login?next=${encodeURIComponent("/u/ada")}`,
    );
    expect(screen.queryByRole("link", { name: "Edit profile" })).toBeNull();
    expect(screen.queryByRole("link", { name: "Edit intro" })).toBeNull();
    expect(document.title).toBe("Ada Lovelace (@ada) · Homebase");
  });

  it("gives the owner Edit buttons that lead to the profile settings and the intro editor", async () => {
    api({ signedInAs: "ada" });
    renderRoutes(routes, "/u/ada");
    expect((await screen.findByRole("link", { name: "Edit profile" })).getAttribute("href")).toBe("/settings/profile");
    expect(screen.getByRole("link", { name: "Edit intro" }).getAttribute("href")).toBe("/settings/profile?edit=intro");
    expect(screen.getByRole("link", { name: "Settings" }).getAttribute("href")).toBe("/settings");
  });

  it("shows no Edit buttons to another signed-in user", async () => {
    api({ signedInAs: "grace" });
    renderRoutes(routes, "/u/ada");
    await screen.findByRole("link", { name: "Settings" });
    expect(screen.queryByRole("link", { name: "Edit profile" })).toBeNull();
  });

  it("lists the team names when the answer has no display names", async () => {
    const { teamDetails: _absent, ...rest } = profile;
    api({ user: rest });
    renderRoutes(routes, "/u/ada");
    const teams = await screen.findByRole("region", { name: "Teams" });
    expect(
      within(teams)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["engines", "poetry"]);
  });

  it("leaves out teams when the user hides them, and empty facts", async () => {
    const { teams: _hidden, teamDetails: _hiddenToo, ...rest } = profile;
    api({ user: { ...rest, institution: "", location: "", websiteUrl: null, bio: "", introHtml: "" } });
    renderRoutes(routes, "/u/ada");
    await screen.findByRole("heading", { level: 1, name: "Ada Lovelace" });
    expect(screen.queryByRole("region", { name: "Teams" })).toBeNull();
    expect(screen.queryByRole("list", { name: "About" })).toBeNull();
    expect(screen.getByText("Ada Lovelace has no intro yet.")).toBeTruthy();
  });

  it("shows a 404 page for an unknown or deleted user", async () => {
    api({ user: null });
    renderRoutes(routes, "/u/ada");
    expect(await screen.findByRole("heading", { level: 1, name: "No user called “ada”" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Go to Homebase" }).getAttribute("href")).toBe("/settings");
    expect(document.title).toBe("User not found · Homebase");
  });

  it("offers Retry when the profile cannot be loaded", async () => {
    let healthy = false;
    mockApi({
      "GET /api/v1/viewer": () => problem(401, "Sign in first."),
      "GET /api/v1/users/:username": () => (healthy ? Response.json(profile) : problem(503, "The database is busy.")),
    });
    renderRoutes(routes, "/u/ada");
    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert.textContent).toContain("The database is busy.");
    healthy = true;
    within(alert).getByRole("button", { name: "Retry" }).click();
    expect(await screen.findByRole("heading", { level: 1, name: "Ada Lovelace" })).toBeTruthy();
  });

  it("has no axe violations (structure, names, ARIA)", async () => {
    api({ signedInAs: "ada" });
    const { container } = renderRoutes(routes, "/u/ada");
    await screen.findByRole("link", { name: "Edit intro" });
    // jsdom has no layout: colour contrast is checked in the browser (e2e).
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
