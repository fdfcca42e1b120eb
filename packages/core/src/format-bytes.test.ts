import { describe, expect, it } from "vitest";
import { formatBytes } from "./format-bytes";

describe("formatBytes", () => {
  it("uses SI units: 1 kB = 1000 B and 1 GB = 10^9 B", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1000)).toBe("1 kB");
    expect(formatBytes(1024)).toBe("1 kB");
    expect(formatBytes(1_500_000)).toBe("1.5 MB");
    expect(formatBytes(1_000_000_000)).toBe("1 GB");
    expect(formatBytes(100_000_000_000)).toBe("100 GB");
    expect(formatBytes(73_456_000_000)).toBe("73.5 GB");
    expect(formatBytes(2_000_000_000_000)).toBe("2 TB");
  });

  it("rolls over to the next unit instead of showing 1000", () => {
    expect(formatBytes(999_960)).toBe("1 MB");
    expect(formatBytes(999_999_999)).toBe("1 GB");
  });

  it("honours the precision option and handles odd input", () => {
    expect(formatBytes(1_234_567, { maximumFractionDigits: 2 })).toBe("1.23 MB");
    expect(formatBytes(-2_500)).toBe("-2.5 kB");
    expect(formatBytes(Number.NaN)).toBe("—");
  });
});
