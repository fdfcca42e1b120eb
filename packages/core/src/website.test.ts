import { describe, expect, it } from "vitest";
import { normalizeWebsiteUrl, WEBSITE_URL_MAX_LENGTH, websiteUrlProblem } from "./website";

describe("normalizeWebsiteUrl", () => {
  it.each([
    ["example.org", "https://example.org"],
    ["  ada.dev/blog?x=1  ", "https://ada.dev/blog?x=1"],
    ["//example.org", "https://example.org"],
    ["localhost:8080", "https://localhost:8080"],
    ["example.org:8443/path", "https://example.org:8443/path"],
    ["http://ada.dev", "http://ada.dev"],
    ["HTTPS://Ada.dev", "HTTPS://Ada.dev"],
    ["javascript:alert(1)", "javascript:alert(1)"],
    ["data:text/html,x", "data:text/html,x"],
    ["mailto:ada@example.org", "mailto:ada@example.org"],
    ["/about", "/about"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeWebsiteUrl(input)).toBe(expected);
  });
});

describe("websiteUrlProblem", () => {
  it.each(["https://example.org", "http://ada.dev/x", "https://localhost:8080"])("accepts %s", (url) => {
    expect(websiteUrlProblem(url)).toBeUndefined();
  });

  it.each([
    ["javascript:alert(1)", /javascript:/],
    ["data:text/html,x", /data:/],
    ["ftp://files.example.com", /ftp:/],
    ["mailto:ada@example.org", /mailto:/],
  ])("refuses the scheme of %s by name", (url, message) => {
    expect(websiteUrlProblem(normalizeWebsiteUrl(url))).toMatch(message);
  });

  it.each(["https://", "https://not a host", "/about", ""])("refuses %j as not an address", (url) => {
    expect(websiteUrlProblem(url)).toMatch(/web address/);
  });

  it("counts the length after normalizing", () => {
    const long = `example.org/${"a".repeat(WEBSITE_URL_MAX_LENGTH - 20)}`;
    expect(websiteUrlProblem(normalizeWebsiteUrl(long))).toBeUndefined();
    expect(websiteUrlProblem(normalizeWebsiteUrl(`${long}aaaaaaa`))).toMatch(/at most 2048/);
  });
});
