import { mockApi, renderSection } from "@homebase/settings-kit/testing";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ApiKey } from "./api";
import section from "./index";

const DAY = 24 * 3600_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

function apiKey(id: string, over: Partial<ApiKey> = {}): ApiKey {
  return {
    id,
    name: id,
    createdAt: at(-30),
    lastUsedAt: null,
    scope: "full",
    expiresAt: null,
    revokedAt: null,
    revokedReason: null,
    recentAddresses: [],
    ...over,
  };
}

const items = [
  apiKey("RevokedNoExp", { createdAt: at(-2), revokedAt: at(-1), revokedReason: "leaked" }),
  apiKey("NeverExpires", { createdAt: at(-3) }),
  apiKey("ExpiresLater", { createdAt: at(-4), expiresAt: at(40) }),
  apiKey("ExpiresSoon1", { createdAt: at(-5), expiresAt: at(3) }),
  apiKey("ExpiredKey01", { createdAt: at(-6), expiresAt: at(-2) }),
];

/** Key IDs in the table's row order. */
function rowIds() {
  const table = screen.getByRole("table");
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => items.find((k) => row.textContent?.includes(k.id))?.id);
}

describe("the keys' Show filter and Sort by", () => {
  it("sorts live keys by expiry first, then the keys that no longer work, and filters by state", async () => {
    mockApi({ "GET /api/v1/me/api-keys": () => ({ items, maxLifetimeDays: null }) });
    renderSection(section);
    await screen.findByRole("table");
    fireEvent.change(screen.getByRole("combobox", { name: "Sort by" }), { target: { value: "expiry" } });
    await waitFor(() =>
      expect(rowIds()).toEqual(["ExpiresSoon1", "ExpiresLater", "NeverExpires", "RevokedNoExp", "ExpiredKey01"]),
    );
    expect(screen.getByRole("table").textContent).toContain("expiring first");

    const show = screen.getByRole("combobox", { name: "Show" }) as HTMLSelectElement;
    expect([...show.options].map((o) => o.textContent)).toEqual([
      "All (5)",
      "Active (3)",
      "Expiring soon (1)",
      "Expired or revoked (2)",
    ]);
    fireEvent.change(show, { target: { value: "inactive" } });
    await waitFor(() => expect(rowIds()).toEqual(["RevokedNoExp", "ExpiredKey01"]));
    fireEvent.change(show, { target: { value: "expiring" } });
    await waitFor(() => expect(rowIds()).toEqual(["ExpiresSoon1"]));
  });
});
