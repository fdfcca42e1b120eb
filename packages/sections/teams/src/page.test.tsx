import { queryKeys } from "@homebase/settings-kit";
import { makeMySettings, mockApi, problem, renderSection } from "@homebase/settings-kit/testing";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import type { MySettings } from "./api";
import section from "./index";

const settings: MySettings = makeMySettings();

function signedIn(handlers: Parameters<typeof mockApi>[0]) {
  return mockApi({ "GET /api/v1/me/settings": () => settings, ...handlers });
}

const render = () => renderSection(section, { viewer: { teams: ["acme"] } });

describe("teams section", () => {
  it("lists each team with the viewer's role, linking to the team page", async () => {
    signedIn({
      "GET /api/v1/me/teams": () => ({
        teams: [
          { name: "acme", displayName: "Acme Research", role: "admin" },
          { name: "vision", displayName: "Vision Lab", role: "member" },
        ],
        joinable: [],
      }),
    });
    const { container } = render();
    const list = await screen.findByRole("list", { name: "Your teams" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual(["Acme ResearchacmeAdmin", "Vision LabvisionMember"]);
    expect(within(list).getByRole("link", { name: "Vision Lab" }).getAttribute("href")).toBe("/teams/vision");
    expect(screen.queryByText("We found teams for you to join")).toBeNull();
    await screen.findByRole("switch", { name: "Hide teams in public profile" });
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it("has an empty state", async () => {
    signedIn({ "GET /api/v1/me/teams": () => ({ teams: [], joinable: [] }) });
    render();
    expect(await screen.findByText("You are not in a team yet")).toBeTruthy();
  });

  it("offers teams to join behind a disclosure button, and joins one", async () => {
    let joined = false;
    signedIn({
      "GET /api/v1/me/teams": () =>
        joined
          ? { teams: [{ name: "acme", displayName: "Acme Research", role: "member" }], joinable: [] }
          : { teams: [], joinable: [{ name: "acme", displayName: "Acme Research" }] },
      "POST /api/v1/teams/:team/join": ({ params }) => {
        joined = true;
        return { name: params.team ?? "", username: "ada", role: "member" };
      },
    });
    const { queryClient } = render();
    expect(await screen.findByText("We found teams for you to join")).toBeTruthy();
    const view = screen.getByRole("button", { name: "Show 1 team you can join" });
    expect(view.getAttribute("aria-expanded")).toBe("false");
    const controlled = document.getElementById(view.getAttribute("aria-controls") ?? "");
    expect(controlled?.hidden).toBe(true);
    // Nothing in the join card reads like the "Hide teams in public profile" switch.
    expect(screen.queryByRole("button", { name: /hide teams/i })).toBeNull();
    fireEvent.click(view);
    expect(view.getAttribute("aria-expanded")).toBe("true");
    expect(view.textContent).toBe("Collapse the list");
    expect(controlled?.hidden).toBe(false);
    const joinable = screen.getByRole("list", { name: "Teams you can join" });
    expect(controlled?.contains(joinable)).toBe(true);
    fireEvent.click(within(joinable).getByRole("button", { name: "Join Acme Research" }));
    const list = await screen.findByRole("list", { name: "Your teams" });
    expect(within(list).getByRole("link", { name: "Acme Research" })).toBeTruthy();
    expect(screen.queryByText("We found teams for you to join")).toBeNull();
    // The shell learns about the new team too (its viewer decides whether Default team shows).
    expect(queryClient.getQueryState(queryKeys.viewer)?.isInvalidated).toBe(true);
  });

  it("checks the name, creates a team, and shows a taken name under the field", async () => {
    const { calls } = signedIn({
      "GET /api/v1/me/teams": () => ({ teams: [], joinable: [] }),
      "POST /api/v1/teams": ({ body }) => {
        if (body.name === "ada") {
          return problem(409, 'The name "ada" is already taken by a user or team.', {
            errors: [{ path: "name", message: 'The name "ada" is already taken by a user or team.' }],
          });
        }
        return Response.json({ name: body.name, displayName: body.name, role: "admin" }, { status: 201 });
      },
    });
    const { unsaved } = render();
    const name = await screen.findByLabelText("Team name");
    fireEvent.click(screen.getByRole("button", { name: "Create team" }));
    expect(await screen.findByText("Choose a team name.")).toBeTruthy();
    fireEvent.change(name, { target: { value: "no spaces" } });
    expect(unsaved.isDirty()).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Create team" }));
    expect(await screen.findByText("Use only letters, digits, hyphens and underscores.")).toBeTruthy();
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    fireEvent.change(name, { target: { value: "ADA" } });
    fireEvent.click(screen.getByRole("button", { name: "Create team" }));
    expect(await screen.findByText('The name "ada" is already taken by a user or team.')).toBeTruthy();
    expect(name.getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(name, { target: { value: "vision" } });
    fireEvent.change(screen.getByLabelText("Display name"), { target: { value: " Vision Lab " } });
    fireEvent.click(screen.getByRole("button", { name: "Create team" }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === "POST").at(-1)?.body).toEqual({
        name: "vision",
        displayName: "Vision Lab",
      }),
    );
    expect(await screen.findByRole("link", { name: "vision" })).toBeTruthy();
    expect((name as HTMLInputElement).value).toBe("");
    expect(unsaved.isDirty()).toBe(false);
  });

  it("saves Hide teams in public profile at once and rolls it back when saving fails", async () => {
    let fail = false;
    const { calls } = signedIn({
      "GET /api/v1/me/teams": () => ({ teams: [], joinable: [] }),
      "PATCH /api/v1/me/settings": ({ body }) =>
        fail ? problem(503, "The database is busy.") : { ...settings, ...body },
    });
    render();
    const hide = (await screen.findByRole("switch", { name: "Hide teams in public profile" })) as HTMLInputElement;
    fireEvent.click(hide);
    await waitFor(() => expect(hide.checked).toBe(true));
    await waitFor(() => expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ hideTeamsInProfile: true }));
    fail = true;
    fireEvent.click(hide);
    expect(await screen.findByText("Could not show your teams in your public profile")).toBeTruthy();
    await waitFor(() => expect(hide.checked).toBe(true));
  });
});
