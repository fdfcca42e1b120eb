import { describe, expect, it } from "vitest";
import { githubResultMessage } from "./github-result";

describe("githubResultMessage", () => {
  it("maps every outcome of the OAuth callback", () => {
    expect(githubResultMessage("connected")?.ok).toBe(true);
    for (const failure of ["denied", "error", "bad-state", "not-configured"]) {
      const message = githubResultMessage(failure);
      expect(message?.ok).toBe(false);
      expect(message?.text.length).toBeGreaterThan(10);
    }
    expect(githubResultMessage("not-configured")?.text).toContain("not configured by your administrator");
  });

  it("ignores missing, unknown and prototype keys", () => {
    expect(githubResultMessage(null)).toBeNull();
    expect(githubResultMessage("pwned")).toBeNull();
    expect(githubResultMessage("toString")).toBeNull();
    expect(githubResultMessage("__proto__")).toBeNull();
  });
});
