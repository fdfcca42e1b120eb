import { makeViewer } from "@homebase/settings-kit/testing";
import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { routes } from "../router";
import { mockApi, problem, renderRoutes } from "../test/render";

// Two sections standing in for any: the notice shows above every one but Account, whose
// Email address card says the same with its own Resend link (the section's own tests check that).
vi.mock("../sections", async () => {
  const { defineSettingsSection } = await import("@homebase/settings-kit");
  const page = (text: string) => async () => ({ default: () => <p>{text}</p> });
  return {
    sections: [
      defineSettingsSection({
        id: "profile",
        title: "Profile",
        description: "Your public profile.",
        path: "profile",
        group: "Account",
        order: 1,
        load: page("profile body"),
      }),
      defineSettingsSection({
        id: "account",
        title: "Account",
        description: "Your email address and password.",
        path: "account",
        group: "Account",
        order: 2,
        load: page("account body"),
      }),
    ],
  };
});

function signedIn(resend: () => Response, me = makeViewer({ emailVerified: false })) {
  return mockApi({
    "GET /api/v1/viewer": () => me,
    "GET /api/v1/me/beta-features": () => ({ items: [] }),
    "POST /api/v1/me/email/verification": resend,
  });
}

describe("the verify-your-email notice", () => {
  it("shows above the settings pages until verified, resends the link, and leaves Account to its section", async () => {
    const api = signedIn(() => Response.json({ to: "ada@example.com" }, { status: 202 }));
    renderRoutes(routes, "/settings/profile");
    const notice = await screen.findByRole("region", { name: "Verify your email address" });
    expect(notice.textContent).toContain("We sent a link to ada@example.com");
    fireEvent.click(within(notice).getByRole("button", { name: "Resend link" }));
    expect(
      await within(notice).findByText("We sent a new link to ada@example.com. It expires in 24 hours."),
    ).toBeTruthy();
    expect(api.calls.filter((c) => c.path === "/api/v1/me/email/verification")).toHaveLength(1);
    const nav = within(screen.getByRole("navigation", { name: "Settings" }));
    fireEvent.click(nav.getByRole("link", { name: "Account" }));
    expect(await screen.findByText("account body")).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Verify your email address" })).toBeNull();
  });

  it("is not there once the address is verified", async () => {
    signedIn(() => problem(409, "Nothing to verify."), makeViewer({ emailVerified: true }));
    renderRoutes(routes, "/settings/profile");
    expect(await screen.findByText("profile body")).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Verify your email address" })).toBeNull();
  });

  it("says how long to wait when resending is rate limited", async () => {
    signedIn(() => problem(429, "Too many e-mails sent.", { headers: { "Retry-After": "42" } }));
    renderRoutes(routes, "/settings/profile");
    const notice = await screen.findByRole("region", { name: "Verify your email address" });
    expect(within(notice).getByRole("link", { name: "Use another address" }).getAttribute("href")).toBe(
      "/settings/account",
    );
    fireEvent.click(within(notice).getByRole("button", { name: "Resend link" }));
    expect(await within(notice).findByText("Too many attempts. Try again in 42 seconds.")).toBeTruthy();
  });
});
