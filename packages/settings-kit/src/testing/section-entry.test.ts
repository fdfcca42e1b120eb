import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sectionEntryProblems } from "./section-entry";

let dir: string | undefined;
function entry(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "section-entry-"));
  mkdirSync(join(dir, "src"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "src", name), text);
  return join(dir, "src", "index.ts");
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("sectionEntryProblems", () => {
  it("accepts the kit, type-only imports, the lazy page and a local module without imports", () => {
    const file = entry({
      "index.ts": [
        'import { defineSettingsSection } from "@homebase/settings-kit";',
        'import type { ComponentType } from "react";',
        '// import { Button } from "@mantine/core";',
        'export { NOTICE } from "./notice";',
        'export default defineSettingsSection({ load: () => import("./page") } as never);',
      ].join("\n"),
      "notice.ts": 'export const NOTICE = "x";\n',
    });
    expect(sectionEntryProblems(file)).toEqual([]);
  });

  it("names what would land in the shell's initial bundle", () => {
    const file = entry({
      "index.ts": [
        'import { defineSettingsSection } from "@homebase/settings-kit";',
        'import { Button } from "@mantine/core";',
        'import "./styles.css";',
        'export { helper } from "./helper";',
      ].join("\n"),
      "helper.ts": 'import { useQuery } from "@tanstack/react-query";\nexport const helper = useQuery;\n',
    });
    expect(sectionEntryProblems(file)).toEqual([
      `src/index.ts imports "@mantine/core": it would land in the shell's initial bundle; import it from the page`,
      `src/index.ts imports "./styles.css", which is not a TypeScript file here`,
      `src/index.ts imports src/helper.ts, which imports "@tanstack/react-query": both would land in the shell's initial bundle`,
    ]);
  });
});
