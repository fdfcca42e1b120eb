import { describe, expect, it } from "vitest";
import { initials, initialsColor } from "./user-avatar";

describe("initials", () => {
  it("takes the first letters of two words, or the first two letters of one", () => {
    expect(initials("Ada Lovelace")).toBe("AL");
    expect(initials("  grace   brewster hopper ")).toBe("GB");
    expect(initials("ada")).toBe("AD");
    expect(initials("x")).toBe("X");
    expect(initials("")).toBe("");
  });
});

describe("initialsColor", () => {
  it("gives a name the same dark shade every time, and different names different colours", () => {
    expect(initialsColor("ada")).toBe(initialsColor("ada"));
    expect(initialsColor("ada")).toMatch(/^[a-z]+\.9$/);
    const colours = new Set(["ada", "grace", "alan", "barbara", "edsger", "donald", "margaret"].map(initialsColor));
    expect(colours.size).toBeGreaterThan(2);
    // Never a light palette that white letters cannot be read on.
    for (const name of ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]) {
      expect(initialsColor(name)).not.toMatch(/^(yellow|lime|orange)\./);
    }
  });
});
