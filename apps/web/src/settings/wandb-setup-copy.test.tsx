import { fireEvent, screen, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { routes } from "../router";
import { mockApi, renderRoutes } from "../test/render";

// The Alerts and API keys sections tell users how to point the wandb SDK at this server.

const ORIGIN = window.location.origin;
const SETUP = `export WANDB_BASE_URL=${ORIGIN}\nexport WANDB_API_KEY=KEY\nwandb login --host "$WANDB_BASE_URL"\npython train.py`;

function signedIn(handlers: Parameters<typeof mockApi>[0]) {
  return mockApi({
    "GET /api/v1/viewer": () =>
      Response.json({ id: "u1", username: "ada", email: "a@x.org", entity: "ada", teams: [], admin: false }),
    "GET /api/v1/me/beta-features": () => Response.json({ items: [] }),
    ...handlers,
  });
}

const off = { email: true, slack: false };

function alertsApi() {
  return signedIn({
    "GET /api/v1/me/alerts": () => Response.json({ runFinished: off, runCrashed: off, scriptable: off, storage: off }),
    "GET /api/v1/me/integrations": () => Response.json({ github: { connected: false }, slack: { connected: false } }),
    "GET /api/v1/me/notifications": () => Response.json({ items: [] }),
  });
}

function apiKeysApi(items: unknown[]) {
  return signedIn({
    "GET /api/v1/me/api-keys": () => Response.json({ items }),
    "POST /api/v1/me/api-keys": ({ body }) =>
      Response.json(
        {
          id: "AbCdEfGhIjKl",
          name: (body as { name: string }).name,
          createdAt: new Date().toISOString(),
          lastUsedAt: null,
          key: "hb_v1_AbCdEfGhIjKl_secret",
        },
        { status: 201 },
      ),
  });
}

/** The code blocks (`<pre>`) whose text is the wandb setup. */
function setupBlocks() {
  return [...document.querySelectorAll("pre")].filter((pre) => pre.textContent?.includes("WANDB_BASE_URL"));
}

beforeAll(async () => {
  await Promise.all([
    (await import("@homebase/section-alerts")).default.load(),
    (await import("@homebase/section-api-keys")).default.load(),
  ]);
}, 60_000);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("wandb SDK setup copy", () => {
  it("Alerts: shows WANDB_BASE_URL (this server) and WANDB_API_KEY with a link to API keys", async () => {
    alertsApi();
    const { container } = renderRoutes(routes, "/settings/alerts");
    const card = (await screen.findByRole("heading", { name: "Alerts from your training scripts" })).closest(
      "section",
    ) as HTMLElement;
    expect(setupBlocks().map((pre) => pre.textContent)).toEqual([SETUP]);
    expect(within(card).getByRole("link", { name: "API keys" }).getAttribute("href")).toBe("/settings/api-keys");
    expect(within(card).getByText("run.alert()")).toBeTruthy();
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it("API keys: explains the SDK variables under the list, including WANDB_ENTITY", async () => {
    apiKeysApi([{ id: "OldKeyId0001", name: "laptop", createdAt: "2024-01-01T00:00:00.000Z", lastUsedAt: null }]);
    const { container } = renderRoutes(routes, "/settings/api-keys");
    const heading = await screen.findByRole("heading", { name: "Use a key with the wandb SDK" });
    const card = heading.closest("section") as HTMLElement;
    expect(setupBlocks().map((pre) => pre.textContent)).toEqual([SETUP]);
    expect(within(card).getByText("WANDB_ENTITY")).toBeTruthy();
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it("API keys: the new key's dialog fills the key into the setup", async () => {
    apiKeysApi([]);
    renderRoutes(routes, "/settings/api-keys");
    // Without keys, the examples in the empty state carry the setup once (no separate card).
    await screen.findByRole("heading", { name: "No API keys yet" });
    expect(screen.queryByRole("heading", { name: "Use a key with the wandb SDK" })).toBeNull();
    expect(setupBlocks().map((pre) => pre.textContent)).toEqual([SETUP]);

    fireEvent.click(screen.getByRole("button", { name: "Create new API key" }));
    const dialog = await screen.findByRole("dialog", { name: "Create new API key" });
    fireEvent.change(within(dialog).getByLabelText(/Name/), { target: { value: "cluster" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create key" }));
    const created = await screen.findByRole("dialog", { name: "Your new API key" });
    const blocks = [...created.querySelectorAll("pre")].map((pre) => pre.textContent);
    expect(blocks).toContain(SETUP.replace("=KEY", "=hb_v1_AbCdEfGhIjKl_secret"));
  });
});
