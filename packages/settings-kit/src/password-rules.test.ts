import { describe, expect, it } from "vitest";
import { tooManyAttemptsMessage, validateNewPassword } from "./password-rules";

describe("validateNewPassword", () => {
  it("accepts 8 to 256 characters typed twice", () => {
    expect(validateNewPassword("12345678", "12345678")).toEqual({});
    expect(validateNewPassword("x".repeat(256), "x".repeat(256))).toEqual({});
  });

  it("names what is wrong with each field", () => {
    expect(validateNewPassword("", "")).toEqual({
      password: "Choose a new password.",
      confirm: "Enter the new password again.",
    });
    expect(validateNewPassword("short", "short").password).toBe("Must be at least 8 characters.");
    expect(validateNewPassword("x".repeat(257), "x".repeat(257)).password).toBe("Must be at most 256 characters.");
    expect(validateNewPassword("correct horse", "correct hose")).toEqual({ confirm: "The passwords do not match." });
  });
});

describe("tooManyAttemptsMessage", () => {
  it("says how long to wait", () => {
    expect(tooManyAttemptsMessage(undefined)).toBe("Too many attempts. Try again later.");
    expect(tooManyAttemptsMessage(1)).toBe("Too many attempts. Try again in 1 second.");
    expect(tooManyAttemptsMessage(37)).toBe("Too many attempts. Try again in 37 seconds.");
    expect(tooManyAttemptsMessage(900)).toBe("Too many attempts. Try again in 15 minutes.");
  });
});
