import { describe, expect, it } from "vitest";
import { formatRelativeTime } from "./format-relative-time";

const now = Date.parse("2025-06-15T12:00:00Z");
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe("formatRelativeTime", () => {
  it("says how long ago, in the largest sensible unit", () => {
    expect(formatRelativeTime(ago(10), now)).toBe("just now");
    expect(formatRelativeTime(ago(90), now)).toBe("2 minutes ago");
    expect(formatRelativeTime(ago(59.7), now)).toBe("1 minute ago");
    expect(formatRelativeTime(ago(3 * 3600), now)).toBe("3 hours ago");
    expect(formatRelativeTime(ago(26 * 3600), now)).toBe("yesterday");
    expect(formatRelativeTime(ago(3 * 86400), now)).toBe("3 days ago");
    expect(formatRelativeTime(ago(15 * 86400), now)).toBe("2 weeks ago");
    expect(formatRelativeTime(ago(400 * 86400), now)).toBe("last year");
  });

  it("handles the future and invalid dates", () => {
    expect(formatRelativeTime(ago(-2 * 3600), now)).toBe("in 2 hours");
    expect(formatRelativeTime("not a date", now)).toBe("unknown time");
  });
});
