import { describe, expect, it } from "vitest";
import { entityName, normalizeEntityName } from "./accounts";

describe("entity names (usernames and team names)", () => {
  it.each([
    ["\u212Aelvin", "kelvin"], // Kelvin sign
    ["ａｄａ", "ada"], // fullwidth
    ["ＡＤＡ_01", "ada_01"],
    ["ﬁsh", "fish"], // ligature
    ["ſam", "sam"], // long s
    ["ⓐⓑⓒ", "abc"], // circled
    ["𝐚𝐝𝐚", "ada"], // mathematical bold
    ["ada²", "ada2"],
    ["\u3000Ada ", "ada"], // ideographic space
  ])("stores %j as its plain form %j", (input, stored) => {
    expect(entityName.parse(input)).toBe(stored);
    expect(normalizeEntityName(input)).toBe(stored);
    expect(entityName.parse(stored)).toBe(stored);
  });

  it.each([
    ["аda", "Cyrillic а"],
    ["ad\u00ADa", "soft hyphen"],
    ["ada\u200B", "zero-width space"],
    ["a\u0307bc", "combining dot"],
    ["ädam", "a letter outside a–z"],
    ["İlker", "dotted capital I (lower-cases to i + combining dot)"],
    ["ab", "too short"],
    ["a".repeat(33), "too long"],
    ["㍿".repeat(9), "too long once normalized"],
  ])("refuses %j (%s)", (input) => {
    expect(entityName.safeParse(input).success).toBe(false);
  });

  it("is idempotent, so every stored name is already in its normal form", () => {
    for (const name of ["ada", "kelvin", "a-b_c", "x".repeat(32)]) {
      expect(normalizeEntityName(name)).toBe(name);
      expect(entityName.parse(name)).toBe(name);
    }
  });
});
