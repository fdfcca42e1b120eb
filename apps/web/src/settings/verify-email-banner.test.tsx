import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { routes } from "../router";
import { makeViewer, problem, renderRoutes, signedIn } from "../test/render";

// Two sections standing in for any: the notice shows above every one but Account, whose
// Email address card says the same with its own Resend link (the section's own tests check that).
vi.mock("../sections", async () => {
  const { testSection } = await import("../test/render");
  const page = (text: string) => () => <p>{text}</p>;
  return {
    sections: [
      testSection({ id: "profile", title: "Profile", group: "Account", page: page("profile body") }),
      testSection({ id: "account", title: "Account", group: "Account", order: 2, page: page("account body") }),
    ],
  };
});

const unverified = (resend: () => Response, me = makeViewer({ emailVerified: false })) =>
  signedIn({ "POST /api/v1/me/email/verification": resend }, me);

describe("the verify-your-email notice", () => {
  it("shows above the settings pages until verified, resends the link, and leaves Account to its section", async () => {
    const api = unverified(() => Response.json({ to: "ada@example.com" }, { status: 202 }));
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
    unverified(() => problem(409, "Nothing to verify."), makeViewer({ emailVerified: true }));
    renderRoutes(routes, "/settings/profile");
    expect(await screen.findByText("profile body")).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Verify your email address" })).toBeNull();
  });

  it("says how long to wait when resending is rate limited", async () => {
    unverified(() => problem(429, "Too many e-mails sent.", { headers: { "Retry-After": "42" } }));
    renderRoutes(routes, "/settings/profile");
    const notice = await screen.findByRole("region", { name: "Verify your email address" });
    expect(within(notice).getByRole("link", { name: "Use another address" }).getAttribute("href")).toBe(
      "/settings/account",
    );
    fireEvent.click(within(notice).getByRole("button", { name: "Resend link" }));
    expect(await within(notice).findByText("Too many attempts. Try again in 42 seconds.")).toBeTruthy();
  });
});
