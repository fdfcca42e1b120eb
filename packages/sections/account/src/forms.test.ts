import { describe, expect, it } from "vitest";
import { validateEmailChange, validatePasswordChange } from "./forms";

describe("validateEmailChange", () => {
  it("accepts a new, well-formed address with the password", () => {
    expect(validateEmailChange({ email: " new@example.com ", password: "pw" }, "ada@example.com")).toEqual({});
  });

  it("names each missing or wrong field", () => {
    expect(validateEmailChange({ email: "", password: "" }, "ada@example.com")).toEqual({
      email: "Enter the new email address.",
      password: "Enter your password.",
    });
    expect(validateEmailChange({ email: "ada@", password: "pw" }, "ada@example.com").email).toBe(
      "Enter a valid email address.",
    );
    expect(validateEmailChange({ email: " ADA@Example.com", password: "pw" }, "ada@example.com").email).toBe(
      "This is already your email address.",
    );
  });
});

describe("validatePasswordChange", () => {
  const ok = { current: "old password", next: "new password", confirm: "new password" };

  it("accepts a new password typed twice", () => {
    expect(validatePasswordChange(ok)).toEqual({});
  });

  it("asks for the current password and checks the new one", () => {
    expect(validatePasswordChange({ current: "", next: "", confirm: "" })).toEqual({
      current: "Enter your current password.",
      next: "Choose a new password.",
      confirm: "Enter the new password again.",
    });
    expect(validatePasswordChange({ ...ok, next: "short", confirm: "short" }).next).toBe(
      "Must be at least 8 characters.",
    );
    expect(validatePasswordChange({ ...ok, confirm: "new passwort" })).toEqual({
      confirm: "The passwords do not match.",
    });
    expect(validatePasswordChange({ ...ok, next: "old password", confirm: "old password" })).toEqual({
      next: "Choose a password different from your current one.",
    });
  });
});
