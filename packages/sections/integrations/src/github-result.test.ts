import { describe, expect, it } from "vitest";
import { githubResultMessage, resultStillApplies } from "./github-result";

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

  it("tells an organisation admin how to set GitHub up instead of sending her to herself", () => {
    const admin = githubResultMessage("not-configured", { admin: true });
    expect(admin?.ok).toBe(false);
    expect(admin?.text).not.toContain("your administrator");
    expect(admin?.text).toContain("callback URL");
    expect(githubResultMessage("not-configured", { admin: false })?.text).toContain(
      "not configured by your administrator",
    );
    // Other outcomes read the same for everyone.
    expect(githubResultMessage("denied", { admin: true })).toEqual(githubResultMessage("denied"));
  });

  it("keeps the connected banner only while GitHub is connected; failures stay until dismissed", () => {
    const connected = githubResultMessage("connected")!;
    expect(resultStillApplies(connected, true)).toBe(true);
    expect(resultStillApplies(connected, undefined)).toBe(true);
    expect(resultStillApplies(connected, false)).toBe(false);
    const denied = githubResultMessage("denied")!;
    expect(resultStillApplies(denied, false)).toBe(true);
    expect(resultStillApplies(denied, true)).toBe(true);
  });

  it("ignores missing, unknown and prototype keys", () => {
    expect(githubResultMessage(null)).toBeNull();
    expect(githubResultMessage("pwned")).toBeNull();
    expect(githubResultMessage("toString")).toBeNull();
    expect(githubResultMessage("__proto__")).toBeNull();
  });
});
