import { describe, expect, it } from "vitest";
import { parseQuotaGb } from "./quota";

describe("parseQuotaGb", () => {
  it("turns SI gigabytes into whole bytes", () => {
    expect(parseQuotaGb("100")).toEqual({ ok: true, bytes: 100_000_000_000 });
    expect(parseQuotaGb(" 2.5 ")).toEqual({ ok: true, bytes: 2_500_000_000 });
    expect(parseQuotaGb("0,001")).toEqual({ ok: true, bytes: 1_000_000 });
    expect(parseQuotaGb("0")).toEqual({ ok: true, bytes: 0 });
  });

  it("refuses what is not a size", () => {
    for (const text of ["", "  ", "-1", "1e3", "ten", "1.2.3", "5 GB"]) {
      expect(parseQuotaGb(text).ok, text).toBe(false);
    }
    expect(parseQuotaGb("99999999999").ok).toBe(false);
  });
});
