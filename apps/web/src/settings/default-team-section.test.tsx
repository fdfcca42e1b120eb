import { cleanNotifications } from "@mantine/notifications";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { routes } from "../router";
import { mockApi, problem, renderRoutes } from "../test/render";

const teams = [
  { name: "acme", displayName: "Acme Research", role: "admin" },
  { name: "vision", displayName: "Vision Lab", role: "member" },
];

function setup(
  overrides: Partial<{
    deploymentMode: string;
    orgAllowsPublicProjects: boolean;
    orgAllowsCodeSaving: boolean;
  }> = {},
  viewerTeams = ["acme", "vision"],
  patch?: (body: Record<string, unknown>) => Response,
) {
  let settings = {
    defaultEntity: "acme",
    defaultProjectPrivacy: "private",
    codeSavingEnabled: false,
    hideTeamsInProfile: false,
    deploymentMode: "self-managed",
    orgAllowsPublicProjects: true,
    orgAllowsCodeSaving: true,
    ...overrides,
  };
  return mockApi({
    "GET /api/v1/viewer": () =>
      Response.json({ id: "u1", username: "ada", email: "a@x.org", entity: "acme", teams: viewerTeams, admin: false }),
    "GET /api/v1/me/beta-features": () => Response.json({ items: [] }),
    "GET /api/v1/me/settings": () => Response.json(settings),
    "GET /api/v1/me/teams": () => Response.json({ teams, joinable: [] }),
    "PATCH /api/v1/me/settings": ({ body }) => {
      const answer = patch?.(body as Record<string, unknown>);
      if (answer) return answer;
      settings = { ...settings, ...(body as object) };
      return Response.json(settings);
    },
  });
}

function optionValues() {
  const select = screen.getByLabelText("Default location to create new projects in") as HTMLSelectElement;
  return [...select.options].map((o) => o.value);
}

// Load the section's page once up front: its first transform is slower than findBy* waits on a small machine.
beforeAll(async () => {
  await (await import("@homebase/section-default-team")).default.load();
}, 60_000);

afterEach(() => {
  vi.unstubAllGlobals();
  cleanNotifications();
});

describe("default team section", () => {
  it("is not offered with a single team", async () => {
    setup({}, ["acme"]);
    renderRoutes(routes, "/settings/default-team");
    expect(await screen.findByRole("heading", { name: "Section not found" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Default team" })).toBeNull();
  });

  it("multi-tenant: offers only the teams and hides the personal-account controls", async () => {
    setup({ deploymentMode: "multi-tenant" });
    const { container } = renderRoutes(routes, "/settings/default-team");
    await screen.findByLabelText("Default location to create new projects in");
    expect(optionValues()).toEqual(["acme", "vision"]);
    expect(screen.queryByRole("radiogroup")).toBeNull();
    expect(screen.queryByLabelText("Enable code saving in your personal account")).toBeNull();
    expect(screen.getByText("WANDB_ENTITY")).toBeTruthy();
    expect(screen.getByText("entity=")).toBeTruthy();
    expect(screen.getByText("X-Homebase-Entity")).toBeTruthy();
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it("dedicated: offers the personal entity and shows only what the organisation allows", async () => {
    setup({ deploymentMode: "dedicated", orgAllowsPublicProjects: true, orgAllowsCodeSaving: false });
    renderRoutes(routes, "/settings/default-team");
    await screen.findByLabelText("Default location to create new projects in");
    expect(optionValues()).toEqual(["acme", "vision", "ada"]);
    expect(screen.getByRole("radiogroup", { name: /Default project privacy in your personal account/ })).toBeTruthy();
    expect(screen.queryByLabelText(/Enable code saving/)).toBeNull();
  });

  it("self-managed without either permission hides both controls", async () => {
    setup({ orgAllowsPublicProjects: false, orgAllowsCodeSaving: false });
    renderRoutes(routes, "/settings/default-team");
    await screen.findByLabelText("Default location to create new projects in");
    expect(optionValues()).toContain("ada");
    expect(screen.queryByRole("radiogroup")).toBeNull();
    expect(screen.queryByLabelText(/Enable code saving/)).toBeNull();
  });

  it("says plainly where runs go, and where they will go once a change is saved", async () => {
    setup({ deploymentMode: "dedicated" });
    renderRoutes(routes, "/settings/default-team");
    const select = await screen.findByLabelText("Default location to create new projects in");
    const said = () => screen.getByTestId("runs-go-to").textContent;
    expect(said()).toBe("Runs from your scripts go to Acme Research (acme).");
    fireEvent.change(select, { target: { value: "ada" } });
    expect(said()).toBe(
      "Runs from your scripts go to Acme Research (acme). Once you save, they go to your personal account (ada).",
    );
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(said()).toBe("Runs from your scripts go to your personal account (ada)."));
  });

  it("saves only what changed", async () => {
    const { calls } = setup();
    renderRoutes(routes, "/settings/default-team");
    const select = await screen.findByLabelText("Default location to create new projects in");
    const save = screen.getByRole("button", { name: "Save" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(select, { target: { value: "vision" } });
    fireEvent.click(screen.getByRole("radio", { name: /Public/ }));
    fireEvent.click(screen.getByLabelText(/Enable code saving/));
    const status = within(save.closest("form") as HTMLElement).getByRole("status");
    expect(status.textContent).toBe("Unsaved changes");
    fireEvent.click(save);
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({
        defaultEntity: "vision",
        defaultProjectPrivacy: "public",
        codeSavingEnabled: true,
      }),
    );
    await waitFor(() => expect(save.disabled).toBe(true));
    expect((select as HTMLSelectElement).value).toBe("vision");
    // The result shows next to the button, not in a toast.
    await waitFor(() => expect(status.textContent).toBe("✓ Saved"));
    expect(save.parentElement?.contains(status)).toBe(true);
    expect(document.querySelector(".mantine-Notification-root")).toBeNull();
    expect(screen.queryByText("Your defaults are saved.")).toBeNull();
  });

  it("shows the API's refusals under the fields they concern", async () => {
    setup({}, undefined, () =>
      problem(422, "Some settings cannot be saved.", {
        errors: [
          { path: "defaultProjectPrivacy", message: "Your organisation does not allow public projects." },
          { path: "defaultEntity", message: "Choose one of your teams or your own username." },
        ],
      }),
    );
    renderRoutes(routes, "/settings/default-team");
    const select = await screen.findByLabelText("Default location to create new projects in");
    fireEvent.change(select, { target: { value: "vision" } });
    fireEvent.click(screen.getByRole("radio", { name: /Public/ }));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Your organisation does not allow public projects.")).toBeTruthy();
    expect(screen.getByText("Choose one of your teams or your own username.")).toBeTruthy();
    expect(select.getAttribute("aria-invalid")).toBe("true");
  });
});
