import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "./api-error";
import { fieldErrorMessage, refusalErrors, useFieldRefs } from "./form-fields";
import { passwordRuleError } from "./password-rules";

function refused(status: number, errors: { path: string; message: string }[] = [], retryAfter?: number) {
  return new ApiError(
    { type: "about:blank", title: "Refused", status, detail: `Refused ${status}`, errors },
    retryAfter,
  );
}

const PASSWORD_CHANGE = {
  fields: { current: "currentPassword", next: "newPassword" },
  password: { field: "current", wrong: "The current password is not correct." },
} as const;

const EMAIL_CHANGE = {
  fields: { email: "email", password: "password" },
  password: { field: "password", wrong: "The password is not correct." },
  placed: [409, 422],
  conflict: "email",
} as const;

describe("refusalErrors", () => {
  it("empties and points at the password on 401, with the API's message or the form's own", () => {
    expect(refusalErrors<"current" | "next" | "confirm">(refused(401), PASSWORD_CHANGE)).toEqual({
      errors: { current: "The current password is not correct." },
      clear: "current",
      focus: true,
    });
    const named = refused(401, [{ path: "password", message: "Wrong password." }]);
    expect(refusalErrors<"email" | "password">(named, EMAIL_CHANGE).errors).toEqual({ password: "Wrong password." });
  });

  it("puts field errors under the form's fields, only for the statuses given", () => {
    const problem = [{ path: "newPassword", message: "Too common." }];
    expect(refusalErrors<"current" | "next">(refused(422, problem), PASSWORD_CHANGE)).toEqual({
      errors: { current: undefined, next: "Too common." },
      focus: true,
    });
    const taken = [{ path: "email", message: "Taken." }];
    expect(refusalErrors<"current" | "next">(refused(409, taken), PASSWORD_CHANGE).errors).toEqual({
      form: "Refused 409",
    });
    expect(refusalErrors<"email" | "password">(refused(409, taken), EMAIL_CHANGE).errors.email).toBe("Taken.");
  });

  it("sends a 409 without fields to the conflict field, a 429 and the rest above the form", () => {
    expect(refusalErrors<"email" | "password">(refused(409), EMAIL_CHANGE)).toEqual({
      errors: { email: "Refused 409" },
      focus: false,
    });
    expect(refusalErrors<"email" | "password">(refused(429, [], 30), EMAIL_CHANGE).errors).toEqual({
      form: "Too many attempts. Try again in 30 seconds.",
    });
    expect(refusalErrors<"email" | "password">(refused(500), EMAIL_CHANGE).errors).toEqual({ form: "Refused 500" });
    expect(refusalErrors<"email" | "password">(new NetworkError(null), EMAIL_CHANGE).errors.form).toMatch(
      /Could not reach the server/,
    );
  });
});

describe("fieldErrorMessage", () => {
  it("prefers the field's message, then the detail, then the browser's message", () => {
    expect(fieldErrorMessage(refused(422, [{ path: "name", message: "Too long." }]), "name")).toBe("Too long.");
    expect(fieldErrorMessage(refused(409), "name")).toBe("Refused 409");
    expect(fieldErrorMessage(new Error("Offline"), "name")).toBe("Offline");
  });
});

describe("passwordRuleError", () => {
  it("checks 8 to 256 characters, with the form's own words for an empty field", () => {
    expect(passwordRuleError("")).toBe("Choose a new password.");
    expect(passwordRuleError("", "Choose a password.")).toBe("Choose a password.");
    expect(passwordRuleError("short")).toBe("Must be at least 8 characters.");
    expect(passwordRuleError("x".repeat(257))).toBe("Must be at most 256 characters.");
    expect(passwordRuleError("long enough")).toBeUndefined();
  });
});

describe("useFieldRefs", () => {
  it("focuses the first field at fault in the form's order and says whether there was one", () => {
    let focusFirst: (errors: Partial<Record<"a" | "b", string>>) => boolean = () => false;
    function Form() {
      const fields = useFieldRefs(["a", "b"] as const);
      focusFirst = fields.focusFirst;
      return (
        <>
          <input aria-label="A" ref={fields.refs.a} />
          <input aria-label="B" ref={fields.refs.b} />
        </>
      );
    }
    render(<Form />);
    let found = false;
    act(() => {
      found = focusFirst({ b: "Wrong." });
    });
    expect(found).toBe(true);
    expect(document.activeElement).toBe(screen.getByLabelText("B"));
    act(() => {
      found = focusFirst({ a: "Wrong.", b: "Wrong." });
    });
    expect(document.activeElement).toBe(screen.getByLabelText("A"));
    expect(focusFirst({})).toBe(false);
  });
});
