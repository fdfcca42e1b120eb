import { describe, expect, it } from "vitest";
import { keepingNext, loginPathFor, safeNext } from "./safe-next";

describe("safeNext", () => {
  it("keeps same-origin paths with their query and hash", () => {
    expect(safeNext("/settings/beta-features")).toBe("/settings/beta-features");
    expect(safeNext("/settings/api-keys?q=ci#top")).toBe("/settings/api-keys?q=ci#top");
  });

  it("falls back to /settings for anything that could leave the origin", () => {
    for (const next of [
      null,
      undefined,
      "",
      "settings",
      "https://evil.example/",
      "//evil.example/settings",
      "/\\evil.example",
      "/\tevil",
      "javascript:alert(1)",
    ]) {
      expect(safeNext(next)).toBe("/settings");
    }
  });

  it("does not send the user back to the sign-in pages", () => {
    expect(safeNext("/login?next=/settings")).toBe("/settings");
    expect(safeNext("/signup")).toBe("/settings");
  });

  it("builds the login URL for the current location", () => {
    expect(loginPathFor({ pathname: "/settings/beta-features", search: "?x=1" })).toBe(
      "/login?next=%2Fsettings%2Fbeta-features%3Fx%3D1",
    );
  });
});

describe("keepingNext", () => {
  it("carries a given next along, made safe, and adds none otherwise", () => {
    expect(keepingNext("/signup", new URLSearchParams("next=/settings/api-keys"))).toBe(
      "/signup?next=%2Fsettings%2Fapi-keys",
    );
    expect(keepingNext("/login", new URLSearchParams("next=//evil.example"))).toBe("/login?next=%2Fsettings");
    expect(keepingNext("/login", new URLSearchParams(""))).toBe("/login");
  });
});
