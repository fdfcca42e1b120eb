import { describe, expect, it } from "vitest";
import { ContrastBadge } from "./contrast-badge";
import { markup } from "./test-markup";

describe("ContrastBadge", () => {
  it("is a light badge in a span, its text darkened (light) or lightened (dark) from the colour", () => {
    const html = markup(<ContrastBadge color="green">Connected</ContrastBadge>);
    expect(html).toMatch(/^<span[^>]*class="[^"]*mantine-Badge-root/);
    expect(html).toContain('data-variant="light"');
    expect(html).toContain(">Connected</span>");
    expect(html).toContain(
      "color:light-dark(color-mix(in srgb, var(--mantine-color-green-9), black 35%), var(--mantine-color-green-2))",
    );
  });

  it("is gray unless told otherwise and passes other props on", () => {
    const html = markup(
      <ContrastBadge size="sm" className="status">
        Pending
      </ContrastBadge>,
    );
    expect(html).toContain("var(--mantine-color-gray-9)");
    expect(html).toContain('data-size="sm"');
    expect(html).toContain('class="status ');
  });
});
