import { describe, expect, it } from "vitest";
import { daysFrom, makeApiKey, makeMe } from "./fixtures";
import { makeViewer } from "./render-section";

describe("fixtures", () => {
  it("daysFrom counts days and hours from the time given", () => {
    const at = daysFrom(Date.UTC(2030, 0, 15));
    expect(at(3)).toBe("2030-01-18T00:00:00.000Z");
    expect(at(-1, 6)).toBe("2030-01-14T06:00:00.000Z");
  });

  it("makeApiKey is a live full-scope key created 30 days ago, changed by what is given", () => {
    const now = Date.UTC(2030, 0, 15);
    expect(makeApiKey("k1", {}, now)).toEqual({
      id: "k1",
      name: "k1",
      createdAt: "2029-12-16T00:00:00.000Z",
      lastUsedAt: null,
      scope: "full",
      expiresAt: null,
      revokedAt: null,
      revokedReason: null,
      recentAddresses: [],
    });
    expect(makeApiKey("k2", { revokedReason: "leaked" }).revokedReason).toBe("leaked");
  });

  it("makeMe is the user makeViewer signs in", () => {
    const me = makeMe({ name: "Ada Lovelace" });
    expect([me.id, me.username, me.email]).toEqual([makeViewer().id, makeViewer().username, makeViewer().email]);
    expect(me.name).toBe("Ada Lovelace");
  });
});
