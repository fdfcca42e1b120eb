import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockApi, problem, renderRoutes } from "../test/render";
import { ForgotPasswordPage } from "./forgot-password-page";
import { LoginPage } from "./login-page";
import { ResetPasswordPage } from "./reset-password-page";

function renderPages(path: string) {
  return renderRoutes(
    [
      { path: "/login", element: <LoginPage /> },
      { path: "/forgot-password", element: <ForgotPasswordPage /> },
      { path: "/reset-password", element: <ResetPasswordPage /> },
    ],
    path,
  );
}

/** The error message Mantine renders for a field, found through its aria-describedby. */
function fieldError(label: string): string | null {
  const input = screen.getByLabelText(label);
  const ids = (input.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id.endsWith("-error"));
  return ids.length ? (document.getElementById(ids[0] as string)?.textContent ?? null) : null;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("forgot password", () => {
  it("is linked from the sign-in page, taking a typed address along", async () => {
    renderPages("/login");
    expect(screen.getByRole("link", { name: "Forgot password?" }).getAttribute("href")).toBe("/forgot-password");
    fireEvent.change(screen.getByLabelText("Username or email"), { target: { value: " ada@example.com " } });
    expect(screen.getByRole("link", { name: "Forgot password?" }).getAttribute("href")).toBe(
      "/forgot-password?email=ada%40example.com",
    );
    fireEvent.click(screen.getByRole("link", { name: "Forgot password?" }));
    expect(await screen.findByRole("heading", { name: "Reset your password" })).toBeTruthy();
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("ada@example.com");
  });

  it("checks the address before calling the API", async () => {
    const api = mockApi({});
    renderPages("/forgot-password");
    fireEvent.click(screen.getByRole("button", { name: "Send reset link" }));
    expect(fieldError("Email")).toBe("Enter your email address.");
    expect(document.activeElement).toBe(screen.getByLabelText("Email"));
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@" } });
    expect(fieldError("Email")).toBe("Enter a valid email address.");
    expect(api.fetchMock).not.toHaveBeenCalled();
  });

  it("always says the same thing once the API accepted the request", async () => {
    let release: (r: Response) => void = () => {};
    const api = mockApi({
      "POST /api/v1/auth/password-reset": () => new Promise<Response>((resolve) => (release = resolve)),
    });
    renderPages("/forgot-password");
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: " nobody@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Send reset link" }));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Send reset link" }).hasAttribute("data-loading")).toBe(true),
    );
    release(new Response(null, { status: 202 }));
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("If an account exists for nobody@example.com, we sent a link");
    expect(status.textContent).toContain("expires in 1 hour");
    expect(api.calls[0]?.body).toEqual({ email: "nobody@example.com" });
    fireEvent.click(screen.getByRole("button", { name: "Use another address" }));
    expect(screen.getByLabelText("Email")).toBeTruthy();
  });

  it("says how long to wait when rate limited", async () => {
    mockApi({
      "POST /api/v1/auth/password-reset": () =>
        problem(429, "Too many password-reset requests.", { headers: { "Retry-After": "600" } }),
    });
    renderPages("/forgot-password");
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Send reset link" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Try again in 10 minutes.");
  });
});

describe("reset password", () => {
  const fill = (password: string, confirm: string) => {
    fireEvent.change(screen.getByLabelText("New password"), { target: { value: password } });
    fireEvent.change(screen.getByLabelText("Confirm new password"), { target: { value: confirm } });
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
  };

  it("checks length and repetition before calling the API", async () => {
    const api = mockApi({});
    renderPages("/reset-password?token=tok");
    fill("short", "short");
    expect(fieldError("New password")).toBe("Must be at least 8 characters.");
    expect(document.activeElement).toBe(screen.getByLabelText("New password"));
    fill("correct horse", "correct hose");
    expect(fieldError("New password")).toBeNull();
    expect(fieldError("Confirm new password")).toBe("The passwords do not match.");
    expect(api.fetchMock).not.toHaveBeenCalled();
  });

  it("sets the password and sends the user to sign in, with a notice", async () => {
    const api = mockApi({ "POST /api/v1/auth/password-reset/confirm": () => new Response(null, { status: 204 }) });
    const { router } = renderPages("/reset-password?token=tok%2B1");
    fill("correct horse", "correct horse");
    const notice = await screen.findByRole("status");
    expect(router.state.location.pathname).toBe("/login");
    expect(notice.textContent).toContain("Password changed");
    expect(notice.textContent).toContain("Sign in with your new password.");
    expect(api.calls[0]?.body).toEqual({ token: "tok+1", password: "correct horse" });
  });

  it("explains a used or expired link and offers a new one", async () => {
    mockApi({
      "POST /api/v1/auth/password-reset/confirm": () =>
        problem(400, "This link was already used, has expired or is not valid. Ask for a new one."),
    });
    renderPages("/reset-password?token=old");
    fill("correct horse", "correct horse");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("already used, has expired");
    expect(screen.getByRole("heading", { name: "This link cannot be used" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Send a new link" }).getAttribute("href")).toBe("/forgot-password");
  });

  it("says so at once when the link has no token", () => {
    const api = mockApi({});
    renderPages("/reset-password");
    expect(screen.getByRole("alert").textContent).toContain("The link has no token.");
    expect(screen.queryByLabelText("New password")).toBeNull();
    expect(api.fetchMock).not.toHaveBeenCalled();
  });
});
