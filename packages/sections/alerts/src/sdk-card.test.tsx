import { mockApi, renderSection } from "@homebase/settings-kit/testing";
import { screen, within } from "@testing-library/react";
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

const off = { email: true, slack: false };

describe("wandb SDK setup copy", () => {
  it("shows WANDB_BASE_URL (this server) and WANDB_API_KEY with a link to API keys", async () => {
    mockApi({
      "GET /api/v1/me/alerts": () => ({ runFinished: off, runCrashed: off, scriptable: off, storage: off }),
      "GET /api/v1/me/integrations": () => Response.json({ github: { connected: false }, slack: { connected: false } }),
      "GET /api/v1/me/notifications": () => ({ items: [], maxAttempts: 5 }),
    });
    const { container } = renderSection(section);
    const card = (await screen.findByRole("heading", { name: "Alerts from your training scripts" })).closest(
      "section",
    ) as HTMLElement;
    expect(setupBlocks().map((pre) => pre.textContent)).toEqual([SETUP]);
    expect(within(card).getByRole("link", { name: "API keys" }).getAttribute("href")).toBe("/settings/api-keys");
    expect(within(card).getByText("run.alert()")).toBeTruthy();
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});
