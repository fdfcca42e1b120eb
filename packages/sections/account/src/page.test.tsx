import type { Viewer } from "@homebase/settings-kit";
import { type ApiHandlers, makeViewer, mockApi, problem, renderSection } from "@homebase/settings-kit/testing";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import section from "./index";

const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const sessions = [
  {
    id: "s-old",
    createdAt: minutesAgo(600),
    lastSeenAt: minutesAgo(120),
    userAgent: SAFARI_IPHONE,
    address: "203.0.113.7",
    current: false,
  },
  {
    id: "s-here",
    createdAt: minutesAgo(30),
    lastSeenAt: minutesAgo(0),
    userAgent: CHROME_LINUX,
    address: "127.0.0.1",
    current: true,
  },
];

/** The API of a signed-in "ada" (`me` changes the viewer), and the section rendered for her. */
function signedIn(handlers: ApiHandlers = {}, me: Partial<Viewer> = {}) {
  const api = mockApi({
    "GET /api/v1/viewer": () => makeViewer(me),
    "GET /api/v1/me/deletion-check": () => ({ deletable: true, blockingTeams: [], teamsToDelete: [] }),
    "GET /api/v1/me/sessions": () => ({ items: sessions }),
    ...handlers,
  });
  return { ...api, view: renderSection(section, { viewer: me }) };
}

/** The error message Mantine renders for a field, found through its aria-describedby. */
function fieldError(input: HTMLElement): string | null {
  const ids = (input.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id.endsWith("-error"));
  return ids.length ? (document.getElementById(ids[0] as string)?.textContent ?? null) : null;
}

async function card(name: string) {
  return within(await screen.findByRole(name === "Sessions" ? "region" : "form", { name }));
}

describe("account section: email address", () => {
  it("shows the address as verified", async () => {
    signedIn();
    const email = await card("Email address");
    expect(email.getByText("ada@example.com")).toBeTruthy();
    expect(email.getByText("Verified")).toBeTruthy();
  });

  it("checks the form before calling the API", async () => {
    const api = signedIn();
    const email = await card("Email address");
    fireEvent.click(email.getByRole("button", { name: "Change email address" }));
    expect(fieldError(email.getByLabelText("New email address"))).toBe("Enter the new email address.");
    expect(fieldError(email.getByLabelText("Your password"))).toBe("Enter your password.");
    expect(document.activeElement).toBe(email.getByLabelText("New email address"));
    fireEvent.change(email.getByLabelText("New email address"), { target: { value: "ADA@example.com" } });
    fireEvent.click(email.getByRole("button", { name: "Change email address" }));
    expect(fieldError(email.getByLabelText("New email address"))).toBe("This is already your email address.");
    expect(api.calls.filter((c) => c.method === "PUT")).toHaveLength(0);
  });

  it("puts a wrong password and a taken address under their fields", async () => {
    let answer = () =>
      problem(401, "The password is not correct.", {
        errors: [{ path: "password", message: "The password is not correct." }],
      });
    const { view } = signedIn({ "PUT /api/v1/me/email": () => answer() });
    const email = await card("Email address");
    fireEvent.change(email.getByLabelText("New email address"), { target: { value: "new@example.com" } });
    fireEvent.change(email.getByLabelText("Your password"), { target: { value: "wrong" } });
    fireEvent.click(email.getByRole("button", { name: "Change email address" }));
    await waitFor(() => expect(fieldError(email.getByLabelText("Your password"))).toBe("The password is not correct."));
    expect((email.getByLabelText("Your password") as HTMLInputElement).value).toBe("");
    // A 401 here is a wrong password, not a lost session: still on the page, and the shell saw no 401.
    expect(view.router.state.location.pathname).toBe("/settings/account");
    expect(view.sessionEnds()).toBe(0);

    answer = () =>
      problem(409, "Another account uses this address.", {
        errors: [{ path: "email", message: "Another account uses this address." }],
      });
    fireEvent.change(email.getByLabelText("Your password"), { target: { value: "right" } });
    fireEvent.click(email.getByRole("button", { name: "Change email address" }));
    await waitFor(() =>
      expect(fieldError(email.getByLabelText("New email address"))).toBe("Another account uses this address."),
    );
  });

  it("shows the new address as waiting for verification once the link is sent", async () => {
    const api = signedIn({
      "PUT /api/v1/me/email": () => ({
        email: "ada@example.com",
        emailVerified: true,
        pendingEmail: "new@example.com",
      }),
      "POST /api/v1/me/email/verification": () => Response.json({ to: "new@example.com" }, { status: 202 }),
    });
    const email = await card("Email address");
    fireEvent.change(email.getByLabelText("New email address"), { target: { value: " new@example.com " } });
    fireEvent.change(email.getByLabelText("Your password"), { target: { value: "correct horse" } });
    expect(email.getByText("Unsaved changes")).toBeTruthy();
    fireEvent.click(email.getByRole("button", { name: "Change email address" }));
    const waiting = await email.findByRole("status", { name: "Waiting for verification" });
    expect(email.getByText("✓ Saved")).toBeTruthy();
    expect(waiting.textContent).toContain("We sent a link to new@example.com");
    expect(waiting.textContent).toContain("we keep using ada@example.com");
    expect(api.calls.find((c) => c.method === "PUT")?.body).toEqual({
      email: "new@example.com",
      password: "correct horse",
    });
    expect((email.getByLabelText("New email address") as HTMLInputElement).value).toBe("");
    fireEvent.click(within(waiting).getByRole("button", { name: "Resend link" }));
    expect(await within(waiting).findByText("We sent a new link to new@example.com.")).toBeTruthy();
  });
});

describe("account section: unsaved changes", () => {
  it.each([
    ["Email address", "New email address", "new@example.com"],
    ["Password", "Current password", "old password"],
  ])("tells the shell the %s card holds unsaved changes while it is edited", async (name, label, value) => {
    const { view } = signedIn();
    const form = await card(name);
    expect(view.unsaved.isDirty()).toBe(false);
    fireEvent.change(form.getByLabelText(label), { target: { value } });
    expect(view.unsaved.isDirty()).toBe(true);
    // The browser asks too before a reload.
    const unload = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);
    // Cleared, nothing is unsaved.
    fireEvent.change(form.getByLabelText(label), { target: { value: "" } });
    expect(view.unsaved.isDirty()).toBe(false);
  });
});

describe("account section: an address not verified yet", () => {
  it("says so in the Email address card, with its own Resend link", async () => {
    const api = signedIn(
      { "POST /api/v1/me/email/verification": () => Response.json({ to: "ada@example.com" }, { status: 202 }) },
      { emailVerified: false },
    );
    const email = await card("Email address");
    expect(email.getByText("Not verified")).toBeTruthy();
    fireEvent.click(email.getByRole("button", { name: "Resend link" }));
    await waitFor(() => expect(api.calls.filter((c) => c.path === "/api/v1/me/email/verification")).toHaveLength(1));
  });
});

describe("account section: password", () => {
  it("checks the three fields before calling the API", async () => {
    const api = signedIn();
    const password = await card("Password");
    fireEvent.click(password.getByRole("button", { name: "Change password" }));
    expect(fieldError(password.getByLabelText("Current password"))).toBe("Enter your current password.");
    expect(fieldError(password.getByLabelText("New password"))).toBe("Choose a new password.");
    expect(fieldError(password.getByLabelText("Confirm new password"))).toBe("Enter the new password again.");
    expect(document.activeElement).toBe(password.getByLabelText("Current password"));
    fireEvent.change(password.getByLabelText("Current password"), { target: { value: "old password" } });
    fireEvent.change(password.getByLabelText("New password"), { target: { value: "new password" } });
    fireEvent.change(password.getByLabelText("Confirm new password"), { target: { value: "new passwort" } });
    fireEvent.click(password.getByRole("button", { name: "Change password" }));
    expect(fieldError(password.getByLabelText("Confirm new password"))).toBe("The passwords do not match.");
    expect(api.calls.filter((c) => c.method === "PUT")).toHaveLength(0);
  });

  it("puts a wrong current password under its field", async () => {
    const { view } = signedIn({
      "PUT /api/v1/me/password": () =>
        problem(401, "The current password is not correct.", {
          errors: [{ path: "currentPassword", message: "The current password is not correct." }],
        }),
    });
    const password = await card("Password");
    fireEvent.change(password.getByLabelText("Current password"), { target: { value: "wrong password" } });
    fireEvent.change(password.getByLabelText("New password"), { target: { value: "new password" } });
    fireEvent.change(password.getByLabelText("Confirm new password"), { target: { value: "new password" } });
    fireEvent.click(password.getByRole("button", { name: "Change password" }));
    await waitFor(() =>
      expect(fieldError(password.getByLabelText("Current password"))).toBe("The current password is not correct."),
    );
    expect(view.sessionEnds()).toBe(0);
  });

  it("says the other sessions were signed out, and lists the sessions again", async () => {
    const api = signedIn({ "PUT /api/v1/me/password": () => new Response(null, { status: 204 }) });
    const password = await card("Password");
    await screen.findByText("Safari on iPhone");
    fireEvent.change(password.getByLabelText("Current password"), { target: { value: "old password" } });
    fireEvent.change(password.getByLabelText("New password"), { target: { value: "new password" } });
    fireEvent.change(password.getByLabelText("Confirm new password"), { target: { value: "new password" } });
    expect(password.getByText("Unsaved changes")).toBeTruthy();
    fireEvent.click(password.getByRole("button", { name: "Change password" }));
    const done = await password.findByRole("status", { name: "Password changed" });
    expect(done.textContent).toContain("Your other sessions were signed out.");
    // The one save-feedback pattern: the result next to the button.
    expect(password.getByText("✓ Saved")).toBeTruthy();
    expect(api.calls.find((c) => c.method === "PUT")?.body).toEqual({
      currentPassword: "old password",
      newPassword: "new password",
    });
    expect((password.getByLabelText("New password") as HTMLInputElement).value).toBe("");
    await waitFor(() => expect(api.calls.filter((c) => c.path === "/api/v1/me/sessions").length).toBe(2));
  });

  it("says how long to wait when the account is locked", async () => {
    signedIn({
      "PUT /api/v1/me/password": () => problem(429, "Too many failed attempts.", { headers: { "Retry-After": "900" } }),
    });
    const password = await card("Password");
    fireEvent.change(password.getByLabelText("Current password"), { target: { value: "old password" } });
    fireEvent.change(password.getByLabelText("New password"), { target: { value: "new password" } });
    fireEvent.change(password.getByLabelText("Confirm new password"), { target: { value: "new password" } });
    fireEvent.click(password.getByRole("button", { name: "Change password" }));
    expect((await password.findByRole("alert")).textContent).toContain("Try again in 15 minutes.");
  });
});

describe("account section: sessions", () => {
  it("lists this device first, in plain words, and signs another out after confirming", async () => {
    let items = sessions;
    const api = signedIn({
      "GET /api/v1/me/sessions": () => ({ items }),
      "DELETE /api/v1/me/sessions/:id": ({ params }) => {
        items = sessions.filter((s) => s.id !== params.id);
        return new Response(null, { status: 204 });
      },
    });
    const list = await screen.findByRole("list", { name: "Signed-in browsers" });
    const rows = within(list).getAllByRole("listitem");
    expect(rows[0]?.textContent).toContain("Chrome on Linux");
    expect(rows[0]?.textContent).toContain("This device");
    expect(rows[0]?.textContent).toContain("127.0.0.1");
    expect(within(rows[0] as HTMLElement).queryByRole("button")).toBeNull();
    expect(rows[1]?.textContent).toContain("Safari on iPhone");
    expect(rows[1]?.textContent).toContain("Last active 2 hours ago");
    expect(screen.getByText("Signed in here and in 1 other browser.")).toBeTruthy();

    fireEvent.click(
      within(rows[1] as HTMLElement).getByRole("button", { name: "Sign out Safari on iPhone (203.0.113.7)" }),
    );
    const dialog = await screen.findByRole("dialog", { name: "Sign out this session?" });
    expect(dialog.textContent).toContain("Safari on iPhone (203.0.113.7)");
    expect(api.calls.filter((c) => c.method === "DELETE")).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole("button", { name: "Sign out session" }));
    await waitFor(() => expect(screen.queryByText("Safari on iPhone")).toBeNull());
    expect(api.calls.filter((c) => c.method === "DELETE")).toHaveLength(1);
    expect(await screen.findByText("You are signed in here only.")).toBeTruthy();
  });

  it("cancels without signing anything out", async () => {
    const api = signedIn();
    fireEvent.click(await screen.findByRole("button", { name: /^Sign out Safari on iPhone/ }));
    const dialog = await screen.findByRole("dialog", { name: "Sign out this session?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(api.calls.filter((c) => c.method === "DELETE")).toHaveLength(0);
  });

  it("shows an error with Retry when the list cannot load", async () => {
    let healthy = false;
    signedIn({
      "GET /api/v1/me/sessions": () => (healthy ? { items: sessions } : problem(503, "The database is busy.")),
    });
    const sessionsCard = await card("Sessions");
    const retry = await sessionsCard.findByRole("button", { name: "Retry" }, { timeout: 15_000 });
    expect(sessionsCard.getByText("The database is busy.")).toBeTruthy();
    healthy = true;
    fireEvent.click(retry);
    expect(await sessionsCard.findByText("Safari on iPhone")).toBeTruthy();
  }, 30_000);

  it("has no axe violations", async () => {
    const { container } = signedIn({}, { emailVerified: false }).view;
    await screen.findByText("Safari on iPhone");
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
