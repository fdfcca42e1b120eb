import { SettingsQueryProvider } from "@homebase/settings-kit";
import { makeViewer, mockApi } from "@homebase/settings-kit/testing";
import { UiProvider } from "@homebase/ui";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { createShellQueryClient } from "../query-client";
import { UserMenu } from "./user-menu";

/**
 * The user menu's code (Mantine's Menu, Popover, Floating UI) is not in the shell's first
 * download: `LazyMenu` renders the button at once and binds the menu to it when the code arrives.
 * The tests in this file run in order: the first finds the code not loaded yet.
 */
function renderMenu(onLogout = vi.fn()) {
  mockApi({ "GET /api/v1/me": () => Response.json({ username: "ada", name: "Ada Lovelace", avatarUrl: null }) });
  const router = createMemoryRouter(
    [
      {
        path: "*",
        element: <UserMenu viewer={makeViewer({ admin: true })} onLogout={onLogout} loggingOut={false} />,
      },
    ],
    { initialEntries: ["/settings/profile"] },
  );
  render(
    <UiProvider env="test">
      <SettingsQueryProvider client={createShellQueryClient()}>
        <RouterProvider router={router} />
      </SettingsQueryProvider>
    </UiProvider>,
  );
  return { router, trigger: screen.getByRole("button", { name: "Account menu for ada" }), onLogout };
}

describe("the header's user menu, loaded on first use", () => {
  it("is a menu button before its code is there, and a click meanwhile opens the menu once it arrives", async () => {
    const { trigger } = renderMenu();
    // Not bound yet (Mantine gives the bound button an id), but already announced as a menu button.
    expect(trigger.id).toBe("");
    expect(trigger.getAttribute("aria-haspopup")).toBe("menu");
    expect(trigger.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(trigger);
    const menu = await screen.findByRole("menu");
    expect(
      within(menu)
        .getAllByRole("menuitem")
        .map((item) => item.textContent),
    ).toEqual(["Your profile", "Settings", "Admin", "Log out"]);
    // The same element, now Mantine's target: one click opened it (the replayed press did not toggle twice).
    expect(screen.getByRole("button", { name: "Account menu for ada" })).toBe(trigger);
    expect(trigger.getAttribute("aria-expanded")).toBe("true");
    expect(trigger.getAttribute("aria-controls")).toBe(menu.id);
  });

  it("keeps the focus on the button when the menu binds, and works from the keyboard", async () => {
    const { trigger, onLogout } = renderMenu();
    act(() => trigger.focus());
    // Focusing fetches the code; the menu binds to the focused button without replacing it.
    await waitFor(() => expect(trigger.id).not.toBe(""));
    expect(document.activeElement).toBe(trigger);
    expect(screen.getByRole("button", { name: "Account menu for ada" })).toBe(trigger);

    // Enter or Space on a button is a click.
    fireEvent.click(trigger);
    const menu = await screen.findByRole("menu");
    fireEvent.keyDown(menu, { key: "ArrowDown" });
    const items = within(menu).getAllByRole("menuitem");
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    fireEvent.keyDown(items[0]!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(items[1]!, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("menu")).toBeNull());
    expect(trigger.getAttribute("aria-expanded")).toBe("false");
    await waitFor(() => expect(document.activeElement).toBe(trigger));

    fireEvent.click(trigger);
    fireEvent.click(within(await screen.findByRole("menu")).getByRole("menuitem", { name: "Log out" }));
    expect(onLogout).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("menu")).toBeNull());
  });

  it("closes on a second click, and follows a link item", async () => {
    const { trigger, router } = renderMenu();
    fireEvent.click(trigger);
    await screen.findByRole("menu");
    fireEvent.click(trigger);
    await waitFor(() => expect(screen.queryByRole("menu")).toBeNull());
    fireEvent.click(trigger);
    fireEvent.click(within(await screen.findByRole("menu")).getByRole("menuitem", { name: "Your profile" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/u/ada"));
  });
});
