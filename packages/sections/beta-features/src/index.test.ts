import { join } from "node:path";
import { sectionEntryProblems } from "@homebase/settings-kit/testing";
import { describe, expect, it } from "vitest";
import section from "./index";

describe("the section's definition", () => {
  it("is @homebase/section-beta-features at /settings/beta-features", () => {
    expect(section.id).toBe("beta-features");
    expect(section.path).toBe("beta-features");
  });

  it("imports only the kit: the shell loads every section's index.ts up front", () => {
    expect(sectionEntryProblems(join(import.meta.dirname, "index.ts"))).toEqual([]);
  });
});
