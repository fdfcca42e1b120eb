import type { Viewer } from "@homebase/settings-kit";
import { cleanNotifications } from "@mantine/notifications";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { routes } from "../../router";
import { type ApiHandlers, makeViewer, problem, renderRoutes, signedIn } from "../../test/render";

const admin = makeViewer({ email: "ada@acme.org", admin: true });

/** The deployment's plan in these tests: not the built-in 100 GB, so the page must take it from the API. */
const DEFAULT_QUOTA_BYTES = 250_000_000_000;

function storage(entity: string, quotaBytes: number) {
  return {
    entity,
    usedBytes: 1_250_000_000,
    quotaBytes,
    defaultQuotaBytes: DEFAULT_QUOTA_BYTES,
    usedFraction: 1_250_000_000 / quotaBytes,
    level: "ok",
    computedAt: null,
    byKind: { artifact: 0, run_file: 0, media: 0, other: 0 },
    byProject: [],
    history: [],
  };
}

/** Signed in as `viewer`; the viewer's own storage states the deployment's default plan. */
const as = (viewer: Viewer, handlers: ApiHandlers = {}) =>
  signedIn(
    { "GET /api/v1/me/storage": () => Response.json(storage(viewer.username, DEFAULT_QUOTA_BYTES)), ...handlers },
    viewer,
  );

// Load the lazy page once up front: its first transform is slower than findBy* waits on a small machine.
beforeAll(async () => {
  await import("./admin-page");
}, 60_000);

afterEach(() => {
  vi.unstubAllGlobals();
  cleanNotifications();
});

describe("organisation admin page", () => {
  it("tells everyone else that only organisation admins may open it", async () => {
    const { calls } = as({ ...admin, admin: false });
    renderRoutes(routes, "/admin");
    expect(await screen.findByText(/Only organisation admins can open this page/)).toBeTruthy();
    expect(screen.queryByRole("switch")).toBeNull();
    expect(calls.some((c) => c.path === "/api/v1/admin/settings")).toBe(false);
    // No Admin item in the header's user menu for them either.
    fireEvent.click(screen.getByRole("button", { name: /^Account menu/ }));
    expect(await screen.findByRole("menuitem", { name: "Settings" })).toBeTruthy();
    expect(screen.queryByRole("menuitem", { name: "Admin" })).toBeNull();
  });

  it("shows the policies as switches that save at once, and rolls one back when saving fails", async () => {
    let allowPublicProjects = false;
    const { calls } = as(admin, {
      "GET /api/v1/admin/settings": () => Response.json({ allowPublicProjects, allowCodeSaving: true }),
      "PATCH /api/v1/admin/settings": ({ body }) => {
        const patch = body as { allowPublicProjects?: boolean; allowCodeSaving?: boolean };
        if (patch.allowCodeSaving === false) return problem(503, "The database is busy.");
        allowPublicProjects = patch.allowPublicProjects ?? allowPublicProjects;
        return Response.json({ allowPublicProjects, allowCodeSaving: true });
      },
    });
    const { container } = renderRoutes(routes, "/admin");
    const publicProjects = (await screen.findByRole("switch", { name: "Allow public projects" })) as HTMLInputElement;
    fireEvent.click(screen.getByRole("button", { name: /^Account menu/ }));
    expect((await screen.findByRole("menuitem", { name: "Admin" })).getAttribute("href")).toBe("/admin");
    fireEvent.keyDown(screen.getByRole("menu"), { key: "Escape" });
    const codeSaving = screen.getByRole("switch", { name: "Allow default code saving" }) as HTMLInputElement;
    expect(publicProjects.checked).toBe(false);
    expect(codeSaving.checked).toBe(true);
    fireEvent.click(publicProjects);
    await waitFor(() => expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ allowPublicProjects: true }));
    await waitFor(() => expect(publicProjects.checked).toBe(true));

    fireEvent.click(codeSaving);
    expect(await screen.findByText("Could not turn off “Allow default code saving”")).toBeTruthy();
    await waitFor(() => expect(codeSaving.checked).toBe(true));

    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it("sets an entity's quota in SI gigabytes, shows the usage, and resets it to the default", async () => {
    const { calls } = as(admin, {
      "GET /api/v1/admin/settings": () => Response.json({ allowPublicProjects: false, allowCodeSaving: false }),
      "PUT /api/v1/admin/entities/:entity/quota": ({ body, params }) => {
        if (params.entity !== "acme") return problem(404, `There is no entity "${params.entity}".`);
        return Response.json(storage("acme", body.quotaBytes ?? DEFAULT_QUOTA_BYTES));
      },
    });
    renderRoutes(routes, "/admin");
    const card = (await screen.findByLabelText("User or team")).closest("form") as HTMLFormElement;
    // The deployment's default plan, as the API states it, not a size written into the page.
    const quotaField = within(card).getByLabelText("Quota (GB)");
    await waitFor(() => expect(quotaField.getAttribute("placeholder")).toBe("250"));
    expect(within(card).getByText("Default plan: 250 GB.")).toBeTruthy();
    fireEvent.change(within(card).getByLabelText("User or team"), { target: { value: "nobody" } });
    fireEvent.change(within(card).getByLabelText("Quota (GB)"), { target: { value: "2.5" } });
    fireEvent.click(within(card).getByRole("button", { name: "Save quota" }));
    expect(await within(card).findByText('There is no entity "nobody".')).toBeTruthy();

    fireEvent.change(within(card).getByLabelText("User or team"), { target: { value: "Acme" } });
    const saveStatus = () => within(card).getAllByRole("status").at(-1)?.textContent;
    expect(saveStatus()).toBe("Unsaved changes");
    fireEvent.click(within(card).getByRole("button", { name: "Save quota" }));
    expect(await within(card).findByText("acme uses 1.3 GB of 2.5 GB (50 %).")).toBeTruthy();
    expect(within(card).getByText("The default plan is 250 GB.")).toBeTruthy();
    // The result of the save is next to its button, as in every settings form.
    expect(saveStatus()).toBe("✓ Saved");
    expect(calls.filter((c) => c.method === "PUT").at(-1)?.body).toEqual({ quotaBytes: 2_500_000_000 });

    fireEvent.click(within(card).getByRole("button", { name: "Reset to default" }));
    expect(await within(card).findByText("acme is back on the default quota")).toBeTruthy();
    expect(within(card).getByText("acme uses 1.3 GB of 250 GB (0.5 %).")).toBeTruthy();
    expect(calls.filter((c) => c.method === "PUT").at(-1)?.body).toEqual({ quotaBytes: null });
  });

  it("says the default plan is loading until the API states it, and never shows a size of its own", async () => {
    let answer: (response: Response) => void = () => {};
    as(admin, {
      "GET /api/v1/admin/settings": () => Response.json({ allowPublicProjects: false, allowCodeSaving: false }),
      "GET /api/v1/me/storage": () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
    });
    renderRoutes(routes, "/admin");
    const field = await screen.findByLabelText("Quota (GB)");
    expect(screen.getByText("Loading the default plan…")).toBeTruthy();
    expect(field.getAttribute("placeholder")).toBeNull();
    answer(Response.json({ ...storage("ada", DEFAULT_QUOTA_BYTES), defaultQuotaBytes: 1_500_000_000_000 }));
    expect(await screen.findByText("Default plan: 1500 GB.")).toBeTruthy();
    expect(field.getAttribute("placeholder")).toBe("1500");
  });
});
