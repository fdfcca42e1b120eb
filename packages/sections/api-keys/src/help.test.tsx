import { mockApi, renderSection } from "@homebase/settings-kit/testing";
import { fireEvent, screen, within } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import section from "./index";

// The section tells users how to point the wandb SDK at this server.

const ORIGIN = window.location.origin;
const SETUP = `export WANDB_BASE_URL=${ORIGIN}\nexport WANDB_API_KEY=KEY\nwandb login --host "$WANDB_BASE_URL"\npython train.py`;

/** The code blocks (`<pre>`) whose text is the wandb setup. */
function setupBlocks() {
  return [...document.querySelectorAll("pre")].filter((pre) => pre.textContent?.includes("WANDB_BASE_URL"));
}

/** Keys as the table needs them (a partial answer: the table fills in what is missing). */
function apiKeysApi(items: unknown[]) {
  return mockApi({
    "GET /api/v1/me/api-keys": () => Response.json({ items, maxLifetimeDays: null }),
    "POST /api/v1/me/api-keys": ({ body }) =>
      Response.json(
        {
          id: "AbCdEfGhIjKl",
          name: body.name,
          createdAt: new Date().toISOString(),
          lastUsedAt: null,
          key: "hb_v1_AbCdEfGhIjKl_secret",
        },
        { status: 201 },
      ),
  });
}

describe("wandb SDK setup copy", () => {
  it("explains the SDK variables under the list, including WANDB_ENTITY", async () => {
    apiKeysApi([{ id: "OldKeyId0001", name: "laptop", createdAt: "2024-01-01T00:00:00.000Z", lastUsedAt: null }]);
    const { container } = renderSection(section);
    const heading = await screen.findByRole("heading", { name: "Use a key with the wandb SDK" });
    const card = heading.closest("section") as HTMLElement;
    expect(setupBlocks().map((pre) => pre.textContent)).toEqual([SETUP]);
    expect(within(card).getByText("WANDB_ENTITY")).toBeTruthy();
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it("the new key's dialog fills the key into the setup", async () => {
    apiKeysApi([]);
    renderSection(section);
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
