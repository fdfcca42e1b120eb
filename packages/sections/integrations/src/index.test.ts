import { join } from "node:path";
import { sectionEntryProblems } from "@homebase/settings-kit/testing";
import { describe, expect, it } from "vitest";
import section from "./index";

describe("the section's definition", () => {
  it("is @homebase/section-integrations at /settings/integrations", () => {
    expect(section.id).toBe("integrations");
    expect(section.path).toBe("integrations");
  });

  it("imports only the kit: the shell loads every section's index.ts up front", () => {
    expect(sectionEntryProblems(join(import.meta.dirname, "index.ts"))).toEqual([]);
  });
});
