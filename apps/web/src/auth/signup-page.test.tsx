import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockApi, problem, renderRoutes } from "../test/render";
import { SignupPage } from "./signup-page";

function renderSignup(path = "/signup") {
  return renderRoutes(
    [
      { path: "/signup", element: <SignupPage /> },
      { path: "/settings/*", element: <p>settings page</p> },
    ],
    path,
  );
}

function fill(values: Partial<Record<"Username" | "Email" | "Password" | "Full name (optional)", string>>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  }
}

/** The error message Mantine renders for a field, found through its aria-describedby. */
function fieldError(label: string): string | null {
  const input = screen.getByLabelText(label);
  const ids = (input.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id.endsWith("-error"));
  return ids.length ? (document.getElementById(ids[0] as string)?.textContent ?? null) : null;
}

const valid = { Username: "ada", Email: "ada@example.com", Password: "correct horse" };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("SignupPage", () => {
  it("labels every field exactly", () => {
    renderSignup();
    for (const label of ["Username", "Email", "Password", "Full name (optional)"]) {
      expect(screen.getByLabelText(label).tagName).toBe("INPUT");
    }
    expect(screen.getByRole("button", { name: "Create account" })).toBeTruthy();
  });

  it("checks username and password before calling the API", async () => {
    const api = mockApi({});
    renderSignup();
    fill({ Username: "no spaces", Email: "ada@example.com", Password: "short" });
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect(fieldError("Username")).toBe("Use only letters, digits, hyphens and underscores.");
    expect(fieldError("Password")).toBe("Must be at least 8 characters.");
    expect(fieldError("Email")).toBeNull();
    expect(api.fetchMock).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByLabelText("Username"));
  });

  it("creates the account, sends the optional name only when given, and goes to next", async () => {
    const api = mockApi({
      "POST /api/v1/auth/signup": () => Response.json({ user: { id: "u1", username: "ada" } }, { status: 201 }),
    });
    const { router } = renderSignup("/signup?next=%2Fsettings%2Fbeta-features");
    fill(valid);
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    await screen.findByText("settings page");
    expect(router.state.location.pathname).toBe("/settings/beta-features");
    expect(api.calls[0]?.body).toEqual({ username: "ada", email: "ada@example.com", password: "correct horse" });
  });

  it("puts the API's 422 field errors under their fields", async () => {
    mockApi({
      "POST /api/v1/auth/signup": () =>
        problem(422, "Some fields are invalid.", {
          errors: [
            { path: "email", message: "Enter a valid email address." },
            { path: "name", message: "Must be at most 64 characters." },
          ],
        }),
    });
    renderSignup();
    fill({ ...valid, "Full name (optional)": "Ada" });
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByText("Enter a valid email address.")).toBeTruthy();
    expect(fieldError("Email")).toBe("Enter a valid email address.");
    expect(fieldError("Full name (optional)")).toBe("Must be at most 64 characters.");
    expect(fieldError("Username")).toBeNull();
  });

  it("shows a 409's detail under the field it names", async () => {
    mockApi({
      "POST /api/v1/auth/signup": () =>
        problem(409, "That username is taken.", { errors: [{ path: "username", message: "That username is taken." }] }),
    });
    renderSignup();
    fill(valid);
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByText("That username is taken.")).toBeTruthy();
    expect(fieldError("Username")).toBe("That username is taken.");
  });

  it("attributes a 409 without field errors from its wording", async () => {
    mockApi({ "POST /api/v1/auth/signup": () => problem(409, "An account with that email already exists.") });
    renderSignup();
    fill(valid);
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByText("An account with that email already exists.")).toBeTruthy();
    expect(fieldError("Email")).toBe("An account with that email already exists.");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
