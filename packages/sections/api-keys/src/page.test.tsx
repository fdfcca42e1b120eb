import { daysFrom, makeApiKey, mockApi, renderSection } from "@homebase/settings-kit/testing";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ApiKey } from "./api";
import section from "./index";

const at = daysFrom();
const apiKey = (id: string, over: Partial<ApiKey> = {}) => makeApiKey(id, over);

const items = [
  apiKey("RevokedNoExp", { createdAt: at(-2), revokedAt: at(-1), revokedReason: "leaked" }),
  apiKey("NeverExpires", { createdAt: at(-3) }),
  apiKey("ExpiresLater", { createdAt: at(-4), expiresAt: at(40) }),
  apiKey("ExpiresSoon1", { createdAt: at(-5), expiresAt: at(3) }),
  apiKey("ExpiredKey01", { createdAt: at(-6), expiresAt: at(-2) }),
];

/** Key IDs in the table's row order. */
function rowIds() {
  const table = screen.getByRole("table");
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => items.find((k) => row.textContent?.includes(k.id))?.id);
}

describe("the keys' Show filter and Sort by", () => {
  it("sorts live keys by expiry first, then the keys that no longer work, and filters by state", async () => {
    mockApi({ "GET /api/v1/me/api-keys": () => ({ items, maxLifetimeDays: null }) });
    renderSection(section);
    await screen.findByRole("table");
    fireEvent.change(screen.getByRole("combobox", { name: "Sort by" }), { target: { value: "expiry" } });
    await waitFor(() =>
      expect(rowIds()).toEqual(["ExpiresSoon1", "ExpiresLater", "NeverExpires", "RevokedNoExp", "ExpiredKey01"]),
    );
    expect(screen.getByRole("table").textContent).toContain("expiring first");

    const show = screen.getByRole("combobox", { name: "Show" }) as HTMLSelectElement;
    expect([...show.options].map((o) => o.textContent)).toEqual([
      "All (5)",
      "Active (3)",
      "Expiring soon (1)",
      "Expired or revoked (2)",
    ]);
    fireEvent.change(show, { target: { value: "inactive" } });
    await waitFor(() => expect(rowIds()).toEqual(["RevokedNoExp", "ExpiredKey01"]));
    fireEvent.change(show, { target: { value: "expiring" } });
    await waitFor(() => expect(rowIds()).toEqual(["ExpiresSoon1"]));
  });
});

describe("a key's actions menu", () => {
  // First in this file: the menu's code is not loaded yet. A press on a button that is not bound
  // yet waits for the code and the binding, then opens the menu.
  it("opens on the first press, even before its code is there", async () => {
    mockApi({ "GET /api/v1/me/api-keys": () => ({ items, maxLifetimeDays: null }) });
    renderSection(section);
    await screen.findByRole("table");
    const trigger = screen.getByRole("button", { name: "Actions for key “ExpiredKey01” (ExpiredKey01)" });
    expect(trigger.id).toBe("");
    fireEvent.click(trigger);
    const menu = await screen.findByRole("menu");
    // An expired key can be rotated too; one press opened it (not opened and closed again).
    expect(
      within(menu)
        .getAllByRole("menuitem")
        .map((item) => item.textContent),
    ).toEqual(["Rotate key", "Delete key"]);
    expect(trigger.getAttribute("aria-expanded")).toBe("true");
  });

  // Its code (Mantine's Menu, Popover, Floating UI) loads when the button is first hovered,
  // focused or pressed, not with the page: the button is there at once and stays the same element.
  it("opens from the keyboard on the key's button, offers Rotate and Delete, and Delete asks first", async () => {
    mockApi({ "GET /api/v1/me/api-keys": () => ({ items, maxLifetimeDays: null }) });
    renderSection(section);
    await screen.findByRole("table");
    const trigger = screen.getByRole("button", { name: "Actions for key “NeverExpires” (NeverExpires)" });
    expect(trigger.getAttribute("aria-haspopup")).toBe("menu");
    expect(trigger.getAttribute("aria-expanded")).toBe("false");

    act(() => trigger.focus());
    // Bound to Mantine's menu (which names its target with an id) without losing the focus.
    await waitFor(() => expect(trigger.id).not.toBe(""));
    expect(document.activeElement).toBe(trigger);
    // Enter on a button is a click.
    fireEvent.click(trigger);
    const menu = await screen.findByRole("menu");
    expect(trigger.getAttribute("aria-expanded")).toBe("true");
    fireEvent.keyDown(menu, { key: "ArrowDown" });
    const choices = within(menu).getAllByRole("menuitem");
    expect(choices.map((item) => item.textContent)).toEqual(["Rotate key", "Delete key"]);
    await waitFor(() => expect(document.activeElement).toBe(choices[0]));
    fireEvent.keyDown(choices[0]!, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("menu")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(trigger));

    fireEvent.click(trigger);
    fireEvent.click(within(await screen.findByRole("menu")).getByRole("menuitem", { name: "Delete key" }));
    expect(await screen.findByRole("dialog", { name: "Delete API key" })).toBeTruthy();
  });
});
