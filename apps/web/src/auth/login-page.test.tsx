import { markAccountDeleted } from "@homebase/section-account";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockApi, problem, renderRoutes } from "../test/render";
import { LoginPage } from "./login-page";

const user = { id: "u1", username: "ada", email: "ada@example.com", name: "Ada", admin: true, createdAt: "x" };

function renderLogin(path = "/login?next=%2Fsettings%2Fbeta-features") {
  return renderRoutes(
    [
      { path: "/login", element: <LoginPage /> },
      { path: "/settings/*", element: <p>settings page</p> },
      { path: "/signup", element: <p>signup page</p> },
    ],
    path,
  );
}

function fillAndSubmit(login: string, password: string) {
  fireEvent.change(screen.getByLabelText("Username or email"), { target: { value: login } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe("LoginPage", () => {
  it("signs in and returns to the page named by next", async () => {
    const api = mockApi({ "POST /api/v1/auth/login": () => Response.json({ user }) });
    const { router } = renderLogin();
    fillAndSubmit("  ada ", "correct horse");
    await screen.findByText("settings page");
    expect(router.state.location.pathname).toBe("/settings/beta-features");
    expect(api.calls[0]?.body).toEqual({ login: "ada", password: "correct horse" });
    expect(api.calls[0]?.init.credentials).toBe("same-origin");
  });

  it("ignores a next that leaves the origin", async () => {
    mockApi({ "POST /api/v1/auth/login": () => Response.json({ user }) });
    const { router } = renderLogin("/login?next=https%3A%2F%2Fevil.example%2F");
    fillAndSubmit("ada", "correct horse");
    await screen.findByText("settings page");
    expect(router.state.location.pathname).toBe("/settings");
  });

  it("shows the API's detail in an alert for wrong credentials", async () => {
    mockApi({ "POST /api/v1/auth/login": () => problem(401, "Incorrect username, email or password.") });
    renderLogin();
    fillAndSubmit("ada", "wrong password");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Incorrect username, email or password.");
  });

  it("says how long to wait on 429, from Retry-After", async () => {
    mockApi({
      "POST /api/v1/auth/login": () =>
        problem(429, "Too many failed sign-in attempts.", { headers: { "Retry-After": "37" } }),
    });
    renderLogin();
    fillAndSubmit("ada", "wrong password");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Too many attempts. Try again in 37 seconds.");
  });

  it("asks for both fields before calling the API", async () => {
    const api = mockApi({});
    renderLogin();
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Enter your username or email.")).toBeTruthy();
    expect(screen.getByText("Enter your password.")).toBeTruthy();
    expect(screen.getByLabelText("Username or email").getAttribute("aria-invalid")).toBe("true");
    expect(api.fetchMock).not.toHaveBeenCalled();
  });

  it("links to sign-up, keeping next", () => {
    renderLogin();
    const link = screen.getByRole("link", { name: "Sign up" });
    expect(link.getAttribute("href")).toBe("/signup?next=%2Fsettings%2Fbeta-features");
  });
});

describe("login progress", () => {
  it("shows progress on the button while signing in", async () => {
    let release: (r: Response) => void = () => {};
    mockApi({ "POST /api/v1/auth/login": () => new Promise<Response>((resolve) => (release = resolve)) });
    renderLogin();
    fillAndSubmit("ada", "correct horse");
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Sign in" }).hasAttribute("data-loading")).toBe(true),
    );
    release(Response.json({ user }));
    await screen.findByText("settings page");
  });
});

describe("after the account was deleted", () => {
  it("says the account was deleted and that an email is on its way, once", async () => {
    markAccountDeleted();
    const first = renderLogin("/login?notice=account-deleted");
    const notice = await screen.findByRole("status");
    expect(notice.textContent).toContain("Your account was deleted");
    expect(notice.textContent).toContain("A confirmation email is on its way.");
    // The form is there to sign in with another account.
    expect(screen.getByRole("button", { name: "Sign in" })).toBeTruthy();
    // A reload of the same address says nothing more: the mark was used up.
    first.unmount();
    renderLogin("/login?notice=account-deleted");
    await screen.findByRole("button", { name: "Sign in" });
    expect(screen.queryByText("Your account was deleted")).toBeNull();
  });

  it("shows nothing for the flag alone (a crafted link)", async () => {
    renderLogin("/login?notice=account-deleted");
    await screen.findByRole("button", { name: "Sign in" });
    expect(screen.queryByText("Your account was deleted")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("ignores an unknown notice and never shows the parameter's own text", async () => {
    markAccountDeleted();
    renderLogin("/login?notice=Your%20bank%20account%20was%20frozen");
    await screen.findByRole("button", { name: "Sign in" });
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.queryByText(/bank account/)).toBeNull();
  });
});
