import { mockApi, renderSection } from "@homebase/settings-kit/testing";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import section from "./index";

// The show-once step of a new API key (@homebase/ui ShowOnceKey in its Dialog), as the API keys section hosts it.

const KEY = "hb_v1_AbCdEfGhIjKl_0123456789abcdefghijklmnopqrstuvwxyz_ABCDEF";

function keysApi() {
  return mockApi({
    "GET /api/v1/me/api-keys": () => ({ items: [], maxLifetimeDays: null }),
    "POST /api/v1/me/api-keys": ({ body }) =>
      Response.json(
        { id: "AbCdEfGhIjKl", name: body.name, createdAt: new Date().toISOString(), lastUsedAt: null, key: KEY },
        { status: 201 },
      ),
  });
}

async function openNewKey() {
  keysApi();
  renderSection(section);
  fireEvent.click((await screen.findAllByRole("button", { name: "Create new API key" }))[0]!);
  const dialog = await screen.findByRole("dialog", { name: "Create new API key" });
  fireEvent.change(within(dialog).getByLabelText(/Name/), { target: { value: "deploy bot" } });
  fireEvent.click(within(dialog).getByRole("button", { name: "Create key" }));
  return screen.findByRole("dialog", { name: "Your new API key" });
}

describe("the show-once key dialog", () => {
  it("shows the whole key in a wrapping monospace read-only field", async () => {
    const shown = await openNewKey();
    const field = within(shown).getByRole("textbox", { name: "API key “deploy bot”" }) as HTMLTextAreaElement;
    expect(field.tagName).toBe("TEXTAREA");
    expect(field.value).toBe(KEY);
    expect(field.readOnly).toBe(true);
    expect(field.style.wordBreak).toBe("break-all");
    expect(field.style.fontFamily).toContain("monospace");
  });

  it("closes neither on Escape nor on a click outside, and has no close button", async () => {
    const shown = await openNewKey();
    fireEvent.keyDown(within(shown).getByRole("textbox"), { key: "Escape", code: "Escape" });
    fireEvent.keyDown(window, { key: "Escape", code: "Escape" });
    const overlay = document.querySelector(".mantine-Modal-overlay");
    if (overlay) fireEvent.click(overlay);
    expect(screen.getByRole("dialog", { name: "Your new API key" })).toBeTruthy();
    expect(within(shown).queryByRole("button", { name: "Close" })).toBeNull();
  });

  it("asks before Done closes when the key was never copied", async () => {
    const shown = await openNewKey();
    fireEvent.click(within(shown).getByRole("button", { name: "Done" }));
    expect(await within(shown).findByText("You have not copied the key. Close anyway?")).toBeTruthy();
    const back = within(shown).getByRole("button", { name: "Go back" });
    await waitFor(() => expect(document.activeElement).toBe(back));
    fireEvent.click(back);
    expect(within(shown).queryByText("You have not copied the key. Close anyway?")).toBeNull();
    fireEvent.click(within(shown).getByRole("button", { name: "Done" }));
    fireEvent.click(await within(shown).findByRole("button", { name: "Close anyway" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("closes at once on Done after Copy", async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText } });
    const shown = await openNewKey();
    fireEvent.click(within(shown).getByRole("button", { name: "Copy key" }));
    await within(shown).findByRole("button", { name: "Copied" });
    expect(writeText).toHaveBeenCalledWith(KEY);
    fireEvent.click(within(shown).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("counts a copy from the field itself (Ctrl+C) as copied", async () => {
    const shown = await openNewKey();
    fireEvent.copy(within(shown).getByRole("textbox", { name: "API key “deploy bot”" }));
    fireEvent.click(within(shown).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });
});

describe("the expiry choices under an organisation maximum", () => {
  it("offers no 'No expiry' and marks longer choices to anyone, not only to admins", async () => {
    mockApi({
      "GET /api/v1/me/api-keys": () => ({ items: [], maxLifetimeDays: 30 }),
    });
    renderSection(section);
    fireEvent.click((await screen.findAllByRole("button", { name: "Create new API key" }))[0]!);
    const dialog = await screen.findByRole("dialog", { name: "Create new API key" });
    const expires = within(dialog).getByLabelText(/Expires/) as HTMLSelectElement;
    await waitFor(() => expect(within(dialog).getByText(/at most 30 days/)).toBeTruthy());
    const options = [...expires.options];
    expect(options.some((o) => o.text === "No expiry")).toBe(false);
    expect(options.filter((o) => o.disabled).map((o) => o.text.split(" ")[0])).toEqual(["60", "90"]);
  });
});
