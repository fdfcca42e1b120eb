import { daysFrom, makeApiKey } from "@homebase/settings-kit/testing";
import { describe, expect, it } from "vitest";
import {
  canRotate,
  expiryLabel,
  filterCounts,
  filterKeys,
  keyState,
  type LifecycleKey,
  sortKeys,
  statusLabel,
} from "./model";

// Local noon, so calendar-day arithmetic does not depend on the test machine's time zone.
const NOW = new Date(2030, 0, 15, 12, 0, 0).getTime();
const at = daysFrom(NOW);
const key = (id: string, over: Partial<LifecycleKey> = {}): LifecycleKey => ({ ...makeApiKey(id, {}, NOW), ...over });

describe("expiryLabel", () => {
  it("says never, in N days, tomorrow, today and expired", () => {
    expect(expiryLabel(null, NOW)).toBe("never");
    expect(expiryLabel(at(12), NOW)).toBe("in 12 days");
    expect(expiryLabel(at(1), NOW)).toBe("expires tomorrow");
    expect(expiryLabel(at(0, 6), NOW)).toBe("expires today");
    expect(expiryLabel(at(0, -1), NOW)).toBe("expired");
    expect(expiryLabel(new Date(NOW).toISOString(), NOW)).toBe("expired");
  });

  it("counts calendar days, not 24-hour periods", () => {
    // 11:59 tomorrow morning is less than 24 h away but still tomorrow.
    expect(expiryLabel(new Date(2030, 0, 16, 11, 59).toISOString(), NOW)).toBe("expires tomorrow");
    expect(expiryLabel(new Date(2030, 0, 15, 23, 59).toISOString(), NOW)).toBe("expires today");
  });

  it("switches to months beyond two months", () => {
    expect(expiryLabel(at(59), NOW)).toBe("in 59 days");
    expect(expiryLabel(at(90), NOW)).toBe("in 3 months");
  });
});

describe("keyState and statusLabel", () => {
  it("reads live, expired by time, rotated, leaked and expired by the server", () => {
    expect(keyState(key("a", { expiresAt: at(3) }), NOW)).toBe("active");
    expect(statusLabel(key("a", { expiresAt: at(3) }), NOW)).toBeNull();
    expect(keyState(key("b", { expiresAt: at(-1) }), NOW)).toBe("expired");
    expect(statusLabel(key("b", { expiresAt: at(-1) }), NOW)).toBe("Expired");
    const rotated = key("c", { revokedAt: at(-3), revokedReason: "rotated" });
    expect(statusLabel(rotated, NOW)).toBe("Rotated 3 days ago");
    expect(statusLabel(key("d", { revokedAt: at(-1), revokedReason: "leaked" }), NOW)).toBe(
      "Revoked: reported as leaked",
    );
    expect(keyState(key("e", { revokedAt: at(-1), revokedReason: "expired", expiresAt: at(-1) }), NOW)).toBe("expired");
  });

  it("lets live and expired keys be rotated, not rotated or leaked ones", () => {
    expect(canRotate(key("a"), NOW)).toBe(true);
    expect(canRotate(key("b", { expiresAt: at(-1) }), NOW)).toBe(true);
    expect(canRotate(key("c", { revokedAt: at(-1), revokedReason: "rotated" }), NOW)).toBe(false);
    expect(canRotate(key("d", { revokedAt: at(-1), revokedReason: "leaked" }), NOW)).toBe(false);
  });

  it("treats an item without lifecycle fields as a live full key that never expires", () => {
    const old = { id: "x", name: "x", createdAt: at(-1), lastUsedAt: null };
    expect(keyState(old, NOW)).toBe("active");
    expect(expiryLabel(undefined, NOW)).toBe("never");
  });
});

describe("filters", () => {
  const keys = [
    key("never"),
    key("soon", { expiresAt: at(5) }),
    key("later", { expiresAt: at(30) }),
    key("expired", { expiresAt: at(-2) }),
    key("rotated", { revokedAt: at(-1), revokedReason: "rotated", expiresAt: at(3) }),
    key("leaked", { revokedAt: at(-1), revokedReason: "leaked" }),
  ];
  const ids = (list: LifecycleKey[]) => list.map((k) => k.id);

  it("splits keys into active, expiring soon and expired or revoked", () => {
    expect(ids(filterKeys(keys, "all", NOW))).toEqual(ids(keys));
    expect(ids(filterKeys(keys, "active", NOW))).toEqual(["never", "soon", "later"]);
    // A revoked key that would have expired soon is not "expiring soon": it already stopped.
    expect(ids(filterKeys(keys, "expiring", NOW))).toEqual(["soon"]);
    expect(ids(filterKeys(keys, "inactive", NOW))).toEqual(["expired", "rotated", "leaked"]);
    expect(filterCounts(keys, NOW)).toEqual({ all: 6, active: 3, expiring: 1, inactive: 3 });
  });
});

describe("sortKeys", () => {
  const keys = [
    key("old-never", { createdAt: at(-20), lastUsedAt: at(-1) }),
    key("new-later", { createdAt: at(-1), expiresAt: at(40) }),
    key("mid-soon", { createdAt: at(-10), expiresAt: at(2), lastUsedAt: at(0, -1) }),
    key("rotated", { createdAt: at(-15), expiresAt: at(60), revokedAt: at(-5), revokedReason: "rotated" }),
  ];
  const ids = (list: LifecycleKey[]) => list.map((k) => k.id);

  it("sorts newest first", () => {
    expect(ids(sortKeys(keys, "created"))).toEqual(["new-later", "mid-soon", "rotated", "old-never"]);
  });

  it("sorts live keys by expiry (never last), then the keys that no longer work", () => {
    expect(ids(sortKeys(keys, "expiry", NOW))).toEqual(["mid-soon", "new-later", "old-never", "rotated"]);
  });

  it("puts revoked keys without an expiry and expired keys after the live ones, latest stopped first", () => {
    const mixed = [
      key("revoked-never", { createdAt: at(-3), revokedAt: at(-2), revokedReason: "leaked" }),
      key("expired", { createdAt: at(-9), expiresAt: at(-1) }),
      key("never", { createdAt: at(-4) }),
      key("soon", { createdAt: at(-5), expiresAt: at(1) }),
      key("revoked-old", { createdAt: at(-8), revokedAt: at(-6), expiresAt: at(10) }),
    ];
    expect(ids(sortKeys(mixed, "expiry", NOW))).toEqual(["soon", "never", "expired", "revoked-never", "revoked-old"]);
  });

  it("sorts by last use, never-used last (newest first among them)", () => {
    expect(ids(sortKeys(keys, "lastUsed"))).toEqual(["mid-soon", "old-never", "new-later", "rotated"]);
  });

  it("does not change the list it is given", () => {
    const copy = [...keys];
    sortKeys(keys, "expiry");
    expect(keys).toEqual(copy);
  });
});
