import { describe, expect, it } from "vitest";
import { chartPoints, exactBytes, percentLabel, topProjects, usageSentence } from "./model";

describe("usage sentence", () => {
  it("reads X GB of 100 GB used (N %) in SI units", () => {
    expect(usageSentence({ usedBytes: 73_456_000_000, quotaBytes: 100_000_000_000, usedFraction: 0.73456 })).toBe(
      "73.5 GB of 100 GB used (73 %)",
    );
    expect(usageSentence({ usedBytes: 0, quotaBytes: 100_000_000_000, usedFraction: 0 })).toBe(
      "0 B of 100 GB used (0 %)",
    );
    expect(usageSentence({ usedBytes: 120_000_000_000, quotaBytes: 100_000_000_000, usedFraction: 1.2 })).toBe(
      "120 GB of 100 GB used (120 %)",
    );
  });

  it("never rounds up into a level the usage has not reached", () => {
    expect(percentLabel(0.6999)).toBe("69 %");
    expect(percentLabel(0.999)).toBe("99 %");
    expect(percentLabel(0.004)).toBe("< 1 %");
    expect(percentLabel(Number.NaN)).toBe("0 %");
  });

  it("gives exact bytes for the hover text", () => {
    expect(exactBytes(73_456_000_000)).toBe("73,456,000,000 bytes");
    expect(exactBytes(1)).toBe("1 byte");
  });
});

describe("topProjects", () => {
  it("keeps the ten largest, largest first, ties by name, and drops empty projects", () => {
    const projects = Array.from({ length: 14 }, (_, i) => ({
      project: `p${String(i).padStart(2, "0")}`,
      bytes: i * 10,
    }));
    projects.push({ project: "a-tie", bytes: 130 });
    const top = topProjects(projects);
    expect(top).toHaveLength(10);
    expect(top.slice(0, 3).map((p) => p.project)).toEqual(["a-tie", "p13", "p12"]);
    expect(topProjects([{ project: "empty", bytes: 0 }])).toEqual([]);
  });
});

describe("chartPoints", () => {
  const now = Date.parse("2025-06-30T12:00:00Z");
  const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();

  it("keeps the last 30 days, oldest first, and ends at the current figure", () => {
    const { points, from } = chartPoints(
      {
        history: [
          { at: hoursAgo(1), usedBytes: 30 },
          { at: hoursAgo(24 * 40), usedBytes: 5 },
          { at: hoursAgo(48), usedBytes: 20 },
        ],
        usedBytes: 35,
        computedAt: hoursAgo(0.1),
      },
      now,
    );
    expect(from).toBe(now - 30 * 86_400_000);
    expect(points.map((p) => p.usedBytes)).toEqual([20, 30, 35]);
    expect(points.at(-1)?.at).toBe(Date.parse(hoursAgo(0.1)));
  });

  it("draws a point even with no history yet", () => {
    const { points } = chartPoints({ history: [], usedBytes: 0, computedAt: null }, now);
    expect(points).toEqual([{ at: now, usedBytes: 0 }]);
  });
});
