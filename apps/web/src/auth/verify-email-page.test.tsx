import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockApi, problem, renderRoutes } from "../test/render";
import { VerifyEmailPage } from "./verify-email-page";

const viewer = {
  id: "u1",
  username: "ada",
  email: "ada@example.com",
  entity: "ada",
  teams: [],
  admin: false,
  emailVerified: false,
};

function renderVerify(path = "/verify-email?token=tok") {
  return renderRoutes([{ path: "/verify-email", element: <VerifyEmailPage /> }], path);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("VerifyEmailPage", () => {
  it("uses the token once on load and says the address is verified", async () => {
    const api = mockApi({
      "POST /api/v1/auth/verify-email": () => new Response(null, { status: 204 }),
      "GET /api/v1/viewer": () => Response.json({ ...viewer, emailVerified: true }),
    });
    renderVerify();
    expect(screen.getByRole("status").textContent).toContain("Verifying your email address");
    expect(await screen.findByRole("heading", { name: "Email address verified" })).toBeTruthy();
    expect((await screen.findByRole("link", { name: "Go to your settings" })).getAttribute("href")).toBe(
      "/settings/account",
    );
    const posts = api.calls.filter((c) => c.path === "/api/v1/auth/verify-email");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({ token: "tok" });
  });

  it("offers sign-in to a signed-out visitor", async () => {
    mockApi({
      "POST /api/v1/auth/verify-email": () => new Response(null, { status: 204 }),
      "GET /api/v1/viewer": () => problem(401, "Sign in first."),
    });
    renderVerify();
    const link = await screen.findByRole("link", { name: "Sign in" });
    expect(link.getAttribute("href")).toBe("/login?next=%2Fsettings%2Faccount");
  });

  it("explains a used link, and sends a new one for a signed-in user", async () => {
    const api = mockApi({
      "POST /api/v1/auth/verify-email": () =>
        problem(400, "This link was already used, has expired or is not valid. Ask for a new one."),
      "GET /api/v1/viewer": () => Response.json(viewer),
      "POST /api/v1/me/email/verification": () => Response.json({ to: "ada@example.com" }, { status: 202 }),
    });
    renderVerify();
    expect((await screen.findByRole("alert")).textContent).toContain("already used, has expired");
    expect(screen.getByRole("heading", { name: "This link cannot be used" })).toBeTruthy();
    fireEvent.click(await screen.findByRole("button", { name: "Send a new link" }));
    expect(await screen.findByText("We sent a new link to ada@example.com. It expires in 24 hours.")).toBeTruthy();
    expect(api.calls.filter((c) => c.path === "/api/v1/me/email/verification")).toHaveLength(1);
  });

  it("asks a signed-out visitor with a used link to sign in for a new one", async () => {
    mockApi({
      "POST /api/v1/auth/verify-email": () => problem(400, "This link was already used."),
      "GET /api/v1/viewer": () => problem(401, "Sign in first."),
    });
    renderVerify();
    const link = await screen.findByRole("link", { name: "Sign in to send a new link" });
    expect(link.getAttribute("href")).toBe("/login?next=%2Fsettings%2Faccount");
  });

  it("says so when the address went to another account meanwhile", async () => {
    mockApi({
      "POST /api/v1/auth/verify-email": () => problem(409, "Another account uses this address now."),
      "GET /api/v1/viewer": () => Response.json(viewer),
    });
    renderVerify();
    expect((await screen.findByRole("alert")).textContent).toContain("Another account uses this address now.");
    expect(await screen.findByRole("link", { name: "Choose another address" })).toBeTruthy();
  });

  it("does not call the API without a token", async () => {
    const api = mockApi({ "GET /api/v1/viewer": () => problem(401, "Sign in first.") });
    renderVerify("/verify-email");
    expect(screen.getByRole("alert").textContent).toContain("The link has no token.");
    expect(api.calls.filter((c) => c.path === "/api/v1/auth/verify-email")).toHaveLength(0);
  });
});
