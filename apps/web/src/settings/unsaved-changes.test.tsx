import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { routes } from "../router";
import { makeViewer, renderRoutes, signedIn } from "../test/render";

// The section contract's useUnsavedChanges with the shell's guard: a section with one form
// (dirty once something is typed) and one without.
const discarded = vi.fn();
vi.mock("../sections", async () => {
  const { useUnsavedChanges } = await import("@homebase/settings-kit");
  const { testSection } = await import("../test/render");
  const { useState } = await import("react");
  const Form = () => {
    const [text, setText] = useState("");
    useUnsavedChanges(text !== "", { onDiscard: discarded });
    return (
      <label>
        Bio
        <input value={text} onChange={(event) => setText(event.currentTarget.value)} />
      </label>
    );
  };
  return {
    sections: [
      testSection({ id: "profile", title: "Profile", group: "Account", page: Form }),
      testSection({ id: "storage", title: "Storage", group: "Usage", page: () => <p>storage body</p> }),
    ],
  };
});

const signedInAdmin = () =>
  signedIn(
    { "POST /api/v1/auth/logout": () => new Response(null, { status: 204 }) },
    makeViewer({ email: "a@x.org", admin: true }),
  );

async function dirtyProfile() {
  signedInAdmin();
  const view = renderRoutes(routes, "/settings/profile");
  fireEvent.change(await screen.findByRole("textbox", { name: "Bio" }), { target: { value: "draft" } });
  return view;
}

/** Opens the header's user menu and picks `name` from it. */
async function userMenu(name: string) {
  fireEvent.click(screen.getByRole("button", { name: "Account menu for ada" }));
  fireEvent.click(await screen.findByRole("menuitem", { name }));
}

const navLink = (name: string) =>
  within(screen.getByRole("navigation", { name: "Settings" })).getByRole("link", { name });

/** Dispatches beforeunload as the browser does on reload or close; true when the page asks to stay. */
function reloadAsks() {
  const event = new Event("beforeunload", { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

// Their first transform is slower than findBy* waits on a small machine.
beforeAll(async () => {
  await Promise.all([import("./discard-changes-dialog"), import("../pages/admin/admin-page")]);
}, 60_000);

afterEach(() => {
  vi.unstubAllGlobals();
  discarded.mockClear();
});

describe("unsaved changes", () => {
  it("leaves a clean form without asking, and a reload does not ask either", async () => {
    signedInAdmin();
    const { router } = renderRoutes(routes, "/settings/profile");
    await screen.findByRole("textbox", { name: "Bio" });
    expect(reloadAsks()).toBe(false);
    fireEvent.click(navLink("Storage"));
    expect(await screen.findByText("storage body")).toBeTruthy();
    expect(router.state.location.pathname).toBe("/settings/storage");
  });

  it("asks 'Discard changes?' on navigation; Keep editing stays with the text", async () => {
    const { router } = await dirtyProfile();
    expect(reloadAsks()).toBe(true);
    fireEvent.click(navLink("Storage"));
    const dialog = await screen.findByRole("dialog", { name: "Discard changes?" });
    const keep = within(dialog).getByRole("button", { name: "Keep editing" });
    fireEvent.click(keep);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(router.state.location.pathname).toBe("/settings/profile");
    expect((screen.getByRole("textbox", { name: "Bio" }) as HTMLInputElement).value).toBe("draft");
    expect(discarded).not.toHaveBeenCalled();
  });

  it("Discard goes on, tells the form, and nothing asks afterwards", async () => {
    const { router } = await dirtyProfile();
    await userMenu("Admin");
    const dialog = await screen.findByRole("dialog", { name: "Discard changes?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Discard" }));
    // Even while the page is still on screen (the next one loading), a reload no longer asks.
    expect(reloadAsks()).toBe(false);
    await waitFor(() => expect(router.state.location.pathname).toBe("/admin"));
    expect(discarded).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("textbox", { name: "Bio" })).toBeNull());
    expect(reloadAsks()).toBe(false);
  });

  it("asks before logging out with unsaved changes", async () => {
    const { router } = await dirtyProfile();
    await userMenu("Log out");
    const dialog = await screen.findByRole("dialog", { name: "Discard changes?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Keep editing" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(router.state.location.pathname).toBe("/settings/profile");
    await userMenu("Log out");
    fireEvent.click(
      within(await screen.findByRole("dialog", { name: "Discard changes?" })).getByRole("button", { name: "Discard" }),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe("/login"));
  });
});
