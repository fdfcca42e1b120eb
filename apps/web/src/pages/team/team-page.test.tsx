import { type ApiKeyFixture, daysFrom, makeApiKey } from "@homebase/settings-kit/testing";
import { cleanNotifications } from "@mantine/notifications";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { routes } from "../../router";
import { type ApiHandlers, problem, renderRoutes, signedIn, TEAM_MEMBER } from "../../test/render";

function team(role: "admin" | "member", overrides: Record<string, unknown> = {}) {
  return {
    name: "acme",
    displayName: "Acme Research",
    role,
    members: [
      { username: "ada", name: "Ada Lovelace", role: "admin" },
      { username: "grace", name: "Grace Hopper", role: role === "admin" ? "member" : "admin" },
    ],
    joinPolicy: { allowedEmailDomain: null },
    ...overrides,
  };
}

const KEY = "hb_v1_AbCdEfGhIjKl_0123456789abcdefghijABCDEFGHIJ012345xyz";

function serviceAccountsApi() {
  const accounts = [
    {
      id: "sa1",
      name: "ci-pipeline",
      createdAt: "2024-01-01T00:00:00.000Z",
      apiKeys: [{ id: "OldKeyId0001", name: "nightly", createdAt: "2024-01-02T00:00:00.000Z", lastUsedAt: null }],
    },
  ];
  return {
    accounts,
    handlers: {
      "GET /api/v1/teams/:team/service-accounts": () => Response.json({ items: accounts }),
      "POST /api/v1/teams/:team/service-accounts/:sa/api-keys": ({ body }: { body: unknown }) => {
        const { name } = body as { name: string };
        const created = { id: "AbCdEfGhIjKl", name, createdAt: new Date().toISOString(), lastUsedAt: null };
        accounts[0]!.apiKeys.unshift(created);
        return Response.json({ ...created, key: KEY }, { status: 201 });
      },
      "DELETE /api/v1/teams/:team/service-accounts/:sa/api-keys/:id": () => {
        accounts[0]!.apiKeys = accounts[0]!.apiKeys.filter((k) => k.id !== "OldKeyId0001");
        return new Response(null, { status: 204 });
      },
    },
  };
}

/** Signed in as ada, a member of acme. */
const asMember = (handlers: ApiHandlers) => signedIn(handlers, TEAM_MEMBER);

// Load the lazy page once up front: its first transform is slower than findBy* waits on a small machine.
beforeAll(async () => {
  await import("./team-page");
}, 60_000);

afterEach(() => {
  vi.unstubAllGlobals();
  cleanNotifications();
});

describe("team page", () => {
  it("lists members with their roles and gives admins the controls and a Service accounts tab", async () => {
    asMember({ "GET /api/v1/teams/:team": () => Response.json(team("admin")) });
    const { container } = renderRoutes(routes, "/teams/acme");
    expect(await screen.findByRole("heading", { level: 1, name: "Acme Research" })).toBeTruthy();
    const members = screen.getByRole("list", { name: "Members" });
    expect(within(members).getByText("Grace Hopper")).toBeTruthy();
    expect(within(members).getAllByText("Admin").length).toBe(1);
    expect(screen.getByRole("button", { name: "Remove Grace Hopper (grace)" })).toBeTruthy();
    // Admins do not remove themselves from the list: they leave.
    expect(screen.queryByRole("button", { name: /Remove Ada/ })).toBeNull();
    expect(screen.getByRole("tab", { name: "Service accounts" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Add member" })).toBeTruthy();
    expect(screen.getByLabelText("Users with a verified email in this domain can join")).toBeTruthy();
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  });

  it("changes a member's role from the keyboard through the role menu, loaded when the button gets the focus", async () => {
    const { calls } = asMember({
      "GET /api/v1/teams/:team": () => Response.json(team("admin")),
      "PATCH /api/v1/teams/:team/members/:username": ({ params, body }) =>
        Response.json({ username: params.username, name: "Grace Hopper", role: (body as { role: string }).role }),
    });
    renderRoutes(routes, "/teams/acme");
    const trigger = await screen.findByRole("button", { name: "Role of Grace Hopper (grace): Member. Change role" });
    expect(trigger.getAttribute("aria-haspopup")).toBe("menu");
    act(() => trigger.focus());
    // The menu binds to the focused button without replacing it.
    await waitFor(() => expect(trigger.id).not.toBe(""));
    expect(document.activeElement).toBe(trigger);
    // Enter or Space on a button is a click.
    fireEvent.click(trigger);
    const menu = await screen.findByRole("menu");
    fireEvent.keyDown(menu, { key: "ArrowDown" });
    const items = within(menu).getAllByRole("menuitem");
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    expect(items[0]!.textContent).toContain("Admin");
    fireEvent.click(items[0]!);
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ role: "admin" });
    expect(await screen.findByText("grace is now an admin of Acme Research.")).toBeTruthy();
  });

  it("shows members only, without the Service accounts tab, to a member", async () => {
    asMember({ "GET /api/v1/teams/:team": () => Response.json(team("member")) });
    renderRoutes(routes, "/teams/acme?tab=service-accounts");
    expect(await screen.findByRole("list", { name: "Members" })).toBeTruthy();
    expect(screen.queryByRole("tab", { name: "Service accounts" })).toBeNull();
    expect(screen.queryByRole("button", { name: /^Remove / })).toBeNull();
    expect(screen.queryByRole("button", { name: "Add member" })).toBeNull();
    expect(screen.getByText("Only team admins can add or remove members.")).toBeTruthy();
  });

  it("says the team was not found for a team the viewer is not in", async () => {
    asMember({ "GET /api/v1/teams/:team": () => problem(404, 'There is no team "acme" that you belong to.') });
    renderRoutes(routes, "/teams/acme");
    expect(await screen.findByRole("heading", { name: "Team not found" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "your Teams settings" }).getAttribute("href")).toBe("/settings/teams");
  });

  it("asks before removing a member, naming them, then removes them", async () => {
    let current = team("admin");
    const { calls } = asMember({
      "GET /api/v1/teams/:team": () => Response.json(current),
      "DELETE /api/v1/teams/:team/members/:username": () => {
        current = { ...current, members: current.members.filter((m) => m.username !== "grace") };
        return new Response(null, { status: 204 });
      },
    });
    renderRoutes(routes, "/teams/acme");
    fireEvent.click(await screen.findByRole("button", { name: "Remove Grace Hopper (grace)" }));
    const dialog = await screen.findByRole("dialog", { name: "Remove member" });
    expect(dialog.textContent).toContain("Remove Grace Hopper (grace) from Acme Research?");
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove member" }));
    await waitFor(() => expect(calls.some((c) => c.method === "DELETE")).toBe(true));
    await waitFor(() => expect(screen.queryByText("Grace Hopper")).toBeNull());
  });

  it("shows the last-admin conflict in the leave dialog", async () => {
    asMember({
      "GET /api/v1/teams/:team": () => Response.json(team("admin")),
      "DELETE /api/v1/teams/:team/members/:username": () =>
        problem(409, "The last admin cannot leave a team that has other members. Make another member an admin first."),
    });
    renderRoutes(routes, "/teams/acme");
    fireEvent.click(await screen.findByRole("button", { name: "Leave team" }));
    const dialog = await screen.findByRole("dialog", { name: "Leave Acme Research?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Leave team" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("The last admin cannot leave");
  });

  it("saves the email-domain policy and shows the API's refusal under the field", async () => {
    const { calls } = asMember({
      "GET /api/v1/teams/:team": () => Response.json(team("admin")),
      "PATCH /api/v1/teams/:team": ({ body }) => {
        const domain = (body as { allowedEmailDomain: string }).allowedEmailDomain;
        if (domain === "bad") {
          return problem(422, "Some fields are invalid.", {
            errors: [{ path: "allowedEmailDomain", message: "Enter a domain such as example.com, without @." }],
          });
        }
        return Response.json(team("admin", { joinPolicy: { allowedEmailDomain: domain } }));
      },
    });
    renderRoutes(routes, "/teams/acme");
    const input = await screen.findByLabelText("Users with a verified email in this domain can join");
    fireEvent.change(input, { target: { value: "bad" } });
    const card = input.closest("form") as HTMLFormElement;
    fireEvent.click(within(card).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Enter a domain such as example.com, without @.")).toBeTruthy();
    fireEvent.change(input, { target: { value: "@Acme.org" } });
    expect(within(card).getByText("Unsaved changes")).toBeTruthy();
    fireEvent.click(within(card).getByRole("button", { name: "Save" }));
    expect(await within(card).findByRole("button", { name: "Clear" })).toBeTruthy();
    expect(calls.filter((c) => c.method === "PATCH").at(-1)?.body).toEqual({ allowedEmailDomain: "acme.org" });
    // The result next to the button, as in every settings form; the hint says what now applies.
    expect(within(card).getByRole("status").textContent).toBe("✓ Saved");
    expect(within(card).queryByText("Unsaved changes")).toBeNull();
  });

  it("highlights Teams in the navigation and leads back to Teams through the breadcrumb", async () => {
    asMember({ "GET /api/v1/teams/:team": () => Response.json(team("member")) });
    const { router } = renderRoutes(routes, "/teams/acme");
    await screen.findByRole("heading", { level: 1, name: "Acme Research" });
    const nav = within(screen.getByRole("navigation", { name: "Settings" }));
    expect(nav.getByRole("link", { name: "Teams" }).hasAttribute("data-active")).toBe(true);
    expect(nav.getByRole("link", { name: "Profile" }).hasAttribute("data-active")).toBe(false);
    const crumbs = screen.getByRole("navigation", { name: "Breadcrumb" });
    expect(
      within(crumbs)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Settings›", "Teams›", "Acme Research"]);
    expect(within(crumbs).getByText("Acme Research").getAttribute("aria-current")).toBe("page");
    fireEvent.click(within(crumbs).getByRole("link", { name: "Teams" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/settings/teams"));
  });

  it("asks before leaving with a username typed in Add a member or an unsaved domain", async () => {
    asMember({ "GET /api/v1/teams/:team": () => Response.json(team("admin")) });
    const { router } = renderRoutes(routes, "/teams/acme");
    const username = await screen.findByRole("textbox", { name: "Username" });
    const nav = within(screen.getByRole("navigation", { name: "Settings" }));
    for (const [field, value] of [
      [username, "grace"],
      [screen.getByLabelText("Users with a verified email in this domain can join"), "acme.org"],
    ] as const) {
      fireEvent.change(field, { target: { value } });
      fireEvent.click(nav.getByRole("link", { name: "Teams" }));
      const dialog = await screen.findByRole("dialog", { name: "Discard changes?" });
      fireEvent.click(within(dialog).getByRole("button", { name: "Keep editing" }));
      await waitFor(() => expect(screen.queryByRole("dialog", { name: "Discard changes?" })).toBeNull());
      expect(router.state.location.pathname).toBe("/teams/acme");
      fireEvent.change(field, { target: { value: "" } });
    }
    fireEvent.click(nav.getByRole("link", { name: "Teams" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/settings/teams"));
  });

  it("names a service account when creating or renaming it, with the same field and messages", async () => {
    const sa = serviceAccountsApi();
    const { calls } = asMember({
      "GET /api/v1/teams/:team": () => Response.json(team("admin")),
      ...sa.handlers,
      "POST /api/v1/teams/:team/service-accounts": () =>
        problem(409, "Taken.", {
          errors: [{ path: "name", message: "A service account of acme is already called ci-pipeline." }],
        }),
      "PATCH /api/v1/teams/:team/service-accounts/:sa": ({ body }) =>
        Response.json({ ...sa.accounts[0], name: (body as { name: string }).name }),
    });
    renderRoutes(routes, "/teams/acme?tab=service-accounts");
    await screen.findByRole("list", { name: "API keys of ci-pipeline" });
    const createCard = screen.getByRole("button", { name: "Create service account" }).closest("form") as HTMLElement;
    fireEvent.click(within(createCard).getByRole("button", { name: "Create service account" }));
    expect(await within(createCard).findByText("Give the service account a name.")).toBeTruthy();
    const created = within(createCard).getByLabelText("Service account name");
    expect(created.getAttribute("placeholder")).toBe("ci-pipeline");
    fireEvent.change(created, { target: { value: " ci-pipeline " } });
    expect(within(createCard).queryByText("Give the service account a name.")).toBeNull();
    fireEvent.click(within(createCard).getByRole("button", { name: "Create service account" }));
    expect(
      await within(createCard).findByText("A service account of acme is already called ci-pipeline."),
    ).toBeTruthy();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ name: "ci-pipeline" });

    fireEvent.click(screen.getByRole("button", { name: "Actions for ci-pipeline" }));
    fireEvent.click(await screen.findByRole("menuitem", { name: "Rename" }));
    const dialog = await screen.findByRole("dialog", { name: "Rename ci-pipeline" });
    const renamed = within(dialog).getByLabelText("Service account name") as HTMLInputElement;
    expect(renamed.value).toBe("ci-pipeline");
    fireEvent.change(renamed, { target: { value: "  " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Rename" }));
    expect(await within(dialog).findByText("Give the service account a name.")).toBeTruthy();
    fireEvent.change(renamed, { target: { value: "nightly" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Rename" }));
    await waitFor(() => expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ name: "nightly" }));
  });

  it("creates a service-account key and shows it once, with a warning and a Copy button", async () => {
    const sa = serviceAccountsApi();
    asMember({ "GET /api/v1/teams/:team": () => Response.json(team("admin")), ...sa.handlers });
    renderRoutes(routes, "/teams/acme?tab=service-accounts");
    const table = await screen.findByRole("list", { name: "API keys of ci-pipeline" });
    expect(within(table).getByText("Never")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Actions for ci-pipeline" }));
    fireEvent.click(await screen.findByRole("menuitem", { name: "Create API key" }));
    const dialog = await screen.findByRole("dialog", { name: "Create an API key for ci-pipeline" });
    fireEvent.change(within(dialog).getByLabelText(/Key name/), { target: { value: "deploy bot" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create key" }));
    const shown = await screen.findByRole("dialog", { name: "Your new API key" });
    const field = within(shown).getByRole("textbox", { name: "API key “deploy bot”" }) as HTMLInputElement;
    expect(field.value).toBe(KEY);
    expect(field.readOnly).toBe(true);
    expect(within(shown).getByText("This key will not be shown again")).toBeTruthy();
    expect(within(shown).getByRole("button", { name: "Copy key" })).toBeTruthy();
    fireEvent.click(within(shown).getByRole("button", { name: "Done" }));
    // Never copied: Done asks first.
    fireEvent.click(await within(shown).findByRole("button", { name: "Close anyway" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(await screen.findByText("deploy bot")).toBeTruthy();
    expect(screen.queryByDisplayValue(KEY)).toBeNull();
  });

  it("counts the working keys and filters and sorts service-account keys by expiry", async () => {
    const at = daysFrom();
    const apiKey = (id: string, over: Partial<ApiKeyFixture>) => makeApiKey(id, over);
    const accounts = [
      {
        id: "sa1",
        name: "ci-pipeline",
        createdAt: "2024-01-01T00:00:00.000Z",
        apiKeys: [
          apiKey("revoked", { createdAt: at(-1), revokedAt: at(-1), revokedReason: "leaked" }),
          apiKey("never", { createdAt: at(-2) }),
          apiKey("soon", { createdAt: at(-3), expiresAt: at(3) }),
        ],
      },
      {
        id: "sa2",
        name: "backup",
        createdAt: "2024-01-01T00:00:00.000Z",
        apiKeys: [apiKey("b1", { expiresAt: at(20) })],
      },
    ];
    asMember({
      "GET /api/v1/teams/:team": () => Response.json(team("admin")),
      "GET /api/v1/teams/:team/service-accounts": () => Response.json({ items: accounts }),
    });
    renderRoutes(routes, "/teams/acme?tab=service-accounts");
    await screen.findByRole("list", { name: "API keys of ci-pipeline" });
    const card = screen.getByRole("region", { name: "ci-pipeline" });
    expect(card.textContent).toContain("3 keys, 2 working");
    expect(screen.getByRole("region", { name: "backup" }).textContent).toContain("1 key");
    expect(screen.getByRole("region", { name: "backup" }).textContent).not.toContain("working");
    const names = () =>
      within(screen.getByRole("list", { name: "API keys of ci-pipeline" }))
        .getAllByRole("listitem")
        .map((li) => li.querySelector("p")?.textContent);
    expect(names()).toEqual(["revoked", "never", "soon"]);

    fireEvent.change(screen.getByRole("combobox", { name: "Sort by" }), { target: { value: "expiry" } });
    await waitFor(() => expect(names()).toEqual(["soon", "never", "revoked"]));

    const show = screen.getByRole("combobox", { name: "Show" }) as HTMLSelectElement;
    expect([...show.options].map((o) => o.textContent)).toEqual([
      "All (4)",
      "Active (3)",
      "Expiring soon (1)",
      "Expired or revoked (1)",
    ]);
    fireEvent.change(show, { target: { value: "inactive" } });
    await waitFor(() => expect(names()).toEqual(["revoked"]));
    // An account with no key to show says so instead of an empty list.
    expect(screen.getByRole("region", { name: "backup" }).textContent).toContain("No key has expired or been revoked.");
  });

  it("asks before deleting a key, naming it and warning that scripts stop at once", async () => {
    const sa = serviceAccountsApi();
    const { calls } = asMember({ "GET /api/v1/teams/:team": () => Response.json(team("admin")), ...sa.handlers });
    renderRoutes(routes, "/teams/acme?tab=service-accounts");
    fireEvent.click(await screen.findByRole("button", { name: "Delete API key nightly (OldKeyId0001)" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete API key" });
    expect(dialog.textContent).toContain("“nightly”");
    expect(dialog.textContent).toContain("OldKeyId0001");
    expect(dialog.textContent).toContain("stop working at once");
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete key" }));
    await waitFor(() => expect(calls.some((c) => c.method === "DELETE")).toBe(true));
    await waitFor(() => expect(screen.queryByText("nightly")).toBeNull());
  });
});
