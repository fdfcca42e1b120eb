import { describe, expect, it } from "vitest";
import { confirmationMatches, DELETED_DATA } from "./confirm";

describe("confirmationMatches", () => {
  it("accepts the username, trimmed and in any case, as the API does", () => {
    expect(confirmationMatches("ada", "ada")).toBe(true);
    expect(confirmationMatches("  ADA ", "ada")).toBe(true);
  });

  it("refuses anything else", () => {
    expect(confirmationMatches("ad", "ada")).toBe(false);
    expect(confirmationMatches("ada2", "ada")).toBe(false);
    expect(confirmationMatches("", "")).toBe(false);
  });

  it("lists every kind of data the purge removes", () => {
    const text = DELETED_DATA.join(" ").toLowerCase();
    for (const word of ["profile", "api keys", "runs", "object stored", "alert", "github", "slack"]) {
      expect(text).toContain(word);
    }
  });
});
