import { type ApiOutput, mockApi, renderSection } from "@homebase/settings-kit/testing";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import section from "./index";

type Usage = ApiOutput<"GET /api/v1/me/storage">;

function usage(overrides: Partial<Usage> = {}): Usage {
  return {
    entity: "ada",
    usedBytes: 1_000_000_000,
    quotaBytes: 250_000_000_000,
    defaultQuotaBytes: 250_000_000_000,
    usedFraction: 0.004,
    level: "ok",
    computedAt: "2026-12-01T09:00:00.000Z",
    byKind: { artifact: 1_000_000_000, run_file: 0, media: 0, other: 0 },
    byProject: [{ project: "vision", bytes: 1_000_000_000 }],
    history: [],
    ...overrides,
  };
}

function api(mine: Usage) {
  return mockApi({
    "GET /api/v1/me/storage": () => mine,
    "GET /api/v1/me/teams": () => ({ teams: [], joinable: [] }),
  });
}

describe("storage section", () => {
  it("states the deployment's default plan as the API gives it, not a size of its own", async () => {
    api(usage());
    renderSection(section);
    expect(await screen.findByText(/The default plan includes 250 GB for you and for each team\./)).toBeTruthy();
    expect(screen.queryByText(/Your administrator set your quota/)).toBeNull();
  });

  it("names the viewer's own quota when an administrator changed it", async () => {
    api(usage({ quotaBytes: 2_000_000_000_000, usedFraction: 0.0005 }));
    renderSection(section);
    expect(
      await screen.findByText(
        /The default plan includes 250 GB for you and for each team\. Your administrator set your quota to 2 TB\./,
      ),
    ).toBeTruthy();
  });
});
