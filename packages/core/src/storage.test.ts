import { describe, expect, it } from "vitest";
import { formatBytes } from "./format-bytes";
import { levelTransition, type StorageLevel, storageAlertMessage, storageLevel } from "./storage";

describe("storage levels", () => {
  const q = 100_000_000_000;
  it.each([
    [0, "ok"],
    [69_999_999_999, "ok"],
    [70_000_000_000, "caution"],
    [84_999_999_999, "caution"],
    [85_000_000_000, "warning"],
    [95_000_000_000, "danger"],
    [100_000_000_000, "exceeded"],
    [250_000_000_000, "exceeded"],
  ] as const)("%d bytes of 100 GB is %s", (used, level) => {
    expect(storageLevel(used, q)).toBe(level);
  });

  it("notifies each level once on the way up and re-arms below 70 %", () => {
    const walk = [0, 69, 71, 71, 86, 90, 96, 101, 101, 90, 50, 72];
    let notified: StorageLevel = "ok";
    const sent: string[] = [];
    for (const percent of walk) {
      const t = levelTransition(notified, storageLevel(percent * 1_000_000_000, q));
      if (t.notify) sent.push(t.nextNotified);
      notified = t.nextNotified;
    }
    expect(sent).toEqual(["caution", "warning", "danger", "exceeded", "caution"]);
  });

  it("formats sizes in SI units and writes a helpful message", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1_500_000_000)).toBe("1.5 GB");
    expect(formatBytes(100_000_000_000)).toBe("100 GB");
    const m = storageAlertMessage({ entity: "ada", level: "warning", usedBytes: 86_000_000_000, quotaBytes: q });
    expect(m.title).toBe("Storage 86 % used: ada");
    expect(m.text).toContain("86 GB of 100 GB (86 %)");
    expect(m.text).toMatch(/Delete artifact versions or runs/);
    expect(m.text).toMatch(/ask an administrator/);
  });
});
