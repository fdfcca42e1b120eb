import { describe, expect, it } from "vitest";
import { ShowOnceKey } from "./show-once-key";
import { markup } from "./test-markup";

const SECRET = "hb_v1_AbCdEfGhIjKl_0123456789";

describe("ShowOnceKey", () => {
  const html = markup(
    <ShowOnceKey
      name="deploy bot"
      secret={SECRET}
      warningTitle="Copy your key now"
      warning="It will not be shown again."
      onDone={() => {}}
      fieldTestId="new-api-key"
    >
      <p>Key ID AbCdEfGhIjKl.</p>
    </ShowOnceKey>,
  );

  it("warns first, then shows the key read-only in a field named after it", () => {
    expect(html.indexOf("Copy your key now")).toBeLessThan(html.indexOf(SECRET));
    expect(html).toContain("It will not be shown again.");
    const label = html.match(/<label[^>]*for="([^"]+)"[^>]*>API key “deploy bot”<\/label>/);
    expect(label).not.toBeNull();
    const field = html.match(new RegExp(`<textarea[^>]*id="${label?.[1]}"[^>]*>([^<]*)</textarea>`));
    const input = field?.[0] ?? "";
    // The whole key, in a monospace field that wraps anywhere instead of cutting it off.
    expect(field?.[1]).toBe(SECRET);
    expect(input).toContain("readOnly");
    expect(input).toMatch(/style="[^"]*font-family:var\(--mantine-font-family-monospace\)/);
    expect(input).toMatch(/style="[^"]*word-break:break-all/);
    expect(input).toContain('data-testid="new-api-key"');
    expect(input).toContain("data-autofocus");
  });

  it("has a Copy button with an empty status region, the caller's details, and Done last", () => {
    expect(html).toMatch(/<button[^>]*aria-label="Copy key"/);
    expect(html).toMatch(/role="status"[^>]*><\/[a-z]+>/);
    const details = html.indexOf("<p>Key ID AbCdEfGhIjKl.</p>");
    expect(details).toBeGreaterThan(html.indexOf("Copy key"));
    expect(html.indexOf(">Done<")).toBeGreaterThan(details);
  });

  it("offers no way out but Done (no close button of its own)", () => {
    expect(html).not.toContain('aria-label="Close"');
    expect(html).not.toContain("Close anyway");
  });
});
