import { describe, expect, it } from "vitest";
import { freeTextProblem, nameSchema, singleLineTextProblem, toPlainSingleLine, toWellFormedText } from "./text";

describe("plain text rules", () => {
  it("accept ordinary names in any script, emoji included", () => {
    for (const ok of ["nightly training", "Équipe Données", "研究チーム", "GPU 🚀 runs", "a-b_c.d"]) {
      expect(singleLineTextProblem(ok), ok).toBeUndefined();
      expect(nameSchema(64, "empty").safeParse(ok).success, ok).toBe(true);
    }
  });

  it("refuse control characters, lone surrogates and bidirectional controls in a name", () => {
    for (const bad of ["a\u0000b", "a\nb", "a\u009bb", "a\ud800", "\udc00a", "a\u202eb", "a\u2067b"]) {
      expect(singleLineTextProblem(bad), JSON.stringify(bad)).toBeDefined();
      expect(nameSchema(64, "empty").safeParse(bad).success).toBe(false);
    }
    expect(nameSchema(64, "empty").safeParse("   ").success).toBe(false);
  });

  it("let free text keep newlines and tabs but nothing else", () => {
    expect(freeTextProblem("line 1\n\tline 2\r\n")).toBeUndefined();
    expect(freeTextProblem("bell\u0007")).toBeDefined();
    expect(freeTextProblem("half \ud83d")).toBeDefined();
  });

  it("make a lenient client's text plain instead of refusing it", () => {
    expect(toPlainSingleLine(" Loss\r\nspike\u202e! ")).toBe("Loss spike!");
    expect(toWellFormedText("a\ud800b")).toBe("a\ufffdb");
    expect(toWellFormedText("🚀")).toBe("🚀");
  });
});
