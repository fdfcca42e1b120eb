import { isSectionVisible, queryKeys } from "@homebase/settings-kit";
import { makeMySettings, makeViewer, mockApi, problem, renderSection } from "@homebase/settings-kit/testing";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import type { MySettings } from "./api";
import section from "./index";

const teams = [
  { name: "acme", displayName: "Acme Research", role: "admin" as const },
  { name: "vision", displayName: "Vision Lab", role: "member" as const },
];

function setup(overrides: Partial<MySettings> = {}, patch?: (body: Partial<MySettings>) => Response | undefined) {
  let settings: MySettings = makeMySettings(overrides);
  return mockApi({
    "GET /api/v1/viewer": () => makeViewer({ entity: "acme", teams: ["acme", "vision"] }),
    "GET /api/v1/me/settings": () => settings,
    "GET /api/v1/me/teams": () => ({ teams, joinable: [] }),
    "PATCH /api/v1/me/settings": ({ body }) => {
      const answer = patch?.(body);
      if (answer) return answer;
      settings = { ...settings, ...body };
      return settings;
    },
  });
}

const render = () => renderSection(section, { viewer: { entity: "acme", teams: ["acme", "vision"] } });

function optionValues() {
  const select = screen.getByLabelText("Default location to create new projects in") as HTMLSelectElement;
  return [...select.options].map((o) => o.value);
}

describe("default team section", () => {
  it("is offered only to viewers in more than one team", () => {
    const ctx = (teams: string[]) => ({ viewer: makeViewer({ teams }), betaFeatures: {} });
    expect(isSectionVisible(section, ctx(["acme"]))).toBe(false);
    expect(isSectionVisible(section, ctx([]))).toBe(false);
    expect(isSectionVisible(section, ctx(["acme", "vision"]))).toBe(true);
  });

  it("multi-tenant: offers only the teams and hides the personal-account controls", async () => {
    setup({ deploymentMode: "multi-tenant" });
    const { container } = render();
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
    render();
    await screen.findByLabelText("Default location to create new projects in");
    expect(optionValues()).toEqual(["acme", "vision", "ada"]);
    expect(screen.getByRole("radiogroup", { name: /Default project privacy in your personal account/ })).toBeTruthy();
    expect(screen.queryByLabelText(/Enable code saving/)).toBeNull();
  });

  it("self-managed without either permission hides both controls", async () => {
    setup({ orgAllowsPublicProjects: false, orgAllowsCodeSaving: false });
    render();
    await screen.findByLabelText("Default location to create new projects in");
    expect(optionValues()).toContain("ada");
    expect(screen.queryByRole("radiogroup")).toBeNull();
    expect(screen.queryByLabelText(/Enable code saving/)).toBeNull();
  });

  it("says plainly where runs go, and where they will go once a change is saved", async () => {
    setup({ deploymentMode: "dedicated" });
    render();
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

  it("saves only what changed, reports unsaved changes to the shell until then, and refreshes the viewer", async () => {
    const { calls } = setup();
    const { unsaved, queryClient } = render();
    const select = await screen.findByLabelText("Default location to create new projects in");
    const save = screen.getByRole("button", { name: "Save" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(select, { target: { value: "vision" } });
    fireEvent.click(screen.getByRole("radio", { name: /Public/ }));
    fireEvent.click(screen.getByLabelText(/Enable code saving/));
    const status = within(save.closest("form") as HTMLElement).getByRole("status");
    expect(status.textContent).toBe("Unsaved changes");
    expect(unsaved.isDirty()).toBe(true);
    fireEvent.click(save);
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({
        defaultEntity: "vision",
        defaultProjectPrivacy: "public",
        codeSavingEnabled: true,
      }),
    );
    await waitFor(() => expect(save.disabled).toBe(true));
    expect(unsaved.isDirty()).toBe(false);
    expect((select as HTMLSelectElement).value).toBe("vision");
    // The result shows next to the button, not in a toast.
    await waitFor(() => expect(status.textContent).toBe("✓ Saved"));
    expect(save.parentElement?.contains(status)).toBe(true);
    expect(document.querySelector(".mantine-Notification-root")).toBeNull();
    expect(screen.queryByText("Your defaults are saved.")).toBeNull();
    // The viewer's default entity changed: the shell's copy is refreshed.
    await waitFor(() => expect(calls.some((c) => c.path === "/api/v1/viewer")).toBe(true));
    expect(queryClient.getQueryState(queryKeys.viewer)?.status).toBe("success");
  });

  it("shows the API's refusals under the fields they concern", async () => {
    setup({}, () =>
      problem(422, "Some settings cannot be saved.", {
        errors: [
          { path: "defaultProjectPrivacy", message: "Your organisation does not allow public projects." },
          { path: "defaultEntity", message: "Choose one of your teams or your own username." },
        ],
      }),
    );
    render();
    const select = await screen.findByLabelText("Default location to create new projects in");
    fireEvent.change(select, { target: { value: "vision" } });
    fireEvent.click(screen.getByRole("radio", { name: /Public/ }));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Your organisation does not allow public projects.")).toBeTruthy();
    expect(screen.getByText("Choose one of your teams or your own username.")).toBeTruthy();
    expect(select.getAttribute("aria-invalid")).toBe("true");
  });
});
