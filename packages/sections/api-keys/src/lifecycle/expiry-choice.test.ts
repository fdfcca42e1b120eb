import { describe, expect, it } from "vitest";
import {
  allowedChoice,
  customDateBounds,
  customDateError,
  defaultExpiryChoice,
  expiresAtFor,
  expiryOptions,
  maxDaysFromMessage,
} from "./expiry-choice";
import { DAY_MS } from "./model";

const NOW = new Date(2030, 0, 15, 12, 0, 0).getTime();

describe("expiry choices", () => {
  it("offers 7–90 days, a date and no expiry without a maximum", () => {
    expect(expiryOptions(null).map((o) => [o.value, o.disabled])).toEqual([
      ["7", false],
      ["30", false],
      ["60", false],
      ["90", false],
      ["custom", false],
      ["none", false],
    ]);
    expect(defaultExpiryChoice(null)).toBe("30");
  });

  it("drops no expiry and disables longer choices under a maximum lifetime", () => {
    expect(expiryOptions(45).map((o) => [o.value, o.disabled])).toEqual([
      ["7", false],
      ["30", false],
      ["60", true],
      ["90", true],
      ["custom", false],
    ]);
    expect(defaultExpiryChoice(45)).toBe("30");
    expect(defaultExpiryChoice(10)).toBe("7");
    expect(defaultExpiryChoice(3)).toBe("custom");
    expect(allowedChoice("90", 45)).toBe("30");
    expect(allowedChoice("none", 45)).toBe("30");
    expect(allowedChoice("7", 45)).toBe("7");
  });
});

describe("custom dates", () => {
  it("must be tomorrow or later and within the maximum", () => {
    expect(customDateBounds(null, NOW)).toEqual({ min: "2030-01-16", max: undefined });
    expect(customDateBounds(30, NOW)).toEqual({ min: "2030-01-16", max: "2030-02-14" });
    expect(customDateError("", null, NOW)).toMatch(/Choose the date/);
    expect(customDateError("2030-02-31", null, NOW)).toMatch(/Enter a date/);
    expect(customDateError("2030-01-15", null, NOW)).toMatch(/in the future/);
    expect(customDateError("2030-01-16", null, NOW)).toBeNull();
    expect(customDateError("2031-06-01", null, NOW)).toBeNull();
    expect(customDateError("2030-02-15", 30, NOW)).toBe(
      "Your organisation allows keys to live at most 30 days: choose 2030-02-14 or earlier.",
    );
    expect(customDateError("2030-02-14", 30, NOW)).toBeNull();
  });
});

describe("expiresAtFor", () => {
  it("adds a preset's days to now, or sends null for none", () => {
    expect(expiresAtFor("7", "", null, NOW)).toBe(new Date(NOW + 7 * DAY_MS).toISOString());
    expect(expiresAtFor("none", "", null, NOW)).toBeNull();
  });

  it("ends a custom date at the end of that local day, capped at the maximum", () => {
    expect(expiresAtFor("custom", "2030-03-01", null, NOW)).toBe(new Date(2030, 2, 1, 23, 59, 59, 999).toISOString());
    expect(expiresAtFor("custom", "2030-02-14", 30, NOW)).toBe(new Date(NOW + 30 * DAY_MS).toISOString());
  });
});

describe("maxDaysFromMessage", () => {
  it("reads the maximum from the server's 422 details", () => {
    expect(maxDaysFromMessage("Your organisation requires API keys to expire within 30 days.")).toBe(30);
    expect(maxDaysFromMessage("Your organisation allows API keys to live at most 1 day.")).toBe(1);
    expect(maxDaysFromMessage("The expiry must be in the future.")).toBeNull();
    expect(maxDaysFromMessage(undefined)).toBeNull();
  });
});
