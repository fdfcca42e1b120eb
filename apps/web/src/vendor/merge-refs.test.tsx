import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { render } from "@testing-library/react";
import { createRef, type Ref } from "react";
import { describe, expect, it, vi } from "vitest";
import { mantineScrollAreaRefs } from "../../build-plugins";
import { useMergeRefs } from "./merge-refs";

/** What each ref sees through a mount, a re-render with other refs, and an unmount. */
function trace(hook: typeof useMergeRefs) {
  const events: string[] = [];
  const object = createRef<HTMLDivElement>();
  const callback = vi.fn((node: HTMLDivElement | null) => void events.push(`callback ${node ? "set" : "null"}`));
  const withCleanup = (node: HTMLDivElement) => {
    events.push(`cleanup-ref set ${node.tagName}`);
    return () => void events.push("cleanup-ref cleaned");
  };
  function Probe({ refs }: { refs: ReadonlyArray<Ref<HTMLDivElement> | undefined> }) {
    return <div ref={hook(refs)} />;
  }
  const { rerender, unmount } = render(<Probe refs={[object, callback, withCleanup]} />);
  events.push(`object ${object.current?.tagName ?? "null"}`);
  rerender(<Probe refs={[object, undefined, undefined]} />);
  events.push(`object ${object.current?.tagName ?? "null"}`);
  rerender(<Probe refs={[undefined, undefined, undefined]} />);
  events.push(`object ${object.current?.tagName ?? "null"}`);
  unmount();
  return events;
}

describe("useMergeRefs (served to Mantine's ScrollArea instead of @floating-ui/react's)", () => {
  it("sets every ref, and unsets each the way it asks (React 19 ref cleanups) when the refs change", () => {
    expect(trace(useMergeRefs)).toEqual([
      // Mounted: every ref gets the node, in order.
      "callback set",
      "cleanup-ref set DIV",
      "object DIV",
      // Other refs: the old ones are unset (a callback ref's own cleanup instead of null), the new set.
      "callback null",
      "cleanup-ref cleaned",
      "object DIV",
      // No refs left: the last one is unset.
      "object null",
    ]);
  });
});

describe("mantineScrollAreaRefs (the build plugin)", () => {
  // @mantine/core's CommonJS entry is cjs/index.cjs; its ES modules are beside, in esm/.
  const mantineRoot = dirname(dirname(createRequire(import.meta.url).resolve("@mantine/core")));
  const scrollAreaDir = join(mantineRoot, "esm", "components", "ScrollArea");

  it("serves ScrollArea's @floating-ui/react import from ./merge-refs, and nobody else's", () => {
    const resolveId = mantineScrollAreaRefs().resolveId as (source: string, importer?: string) => string | undefined;
    expect(resolveId("@floating-ui/react", join(scrollAreaDir, "ScrollArea.mjs"))).toMatch(
      /src[\\/]vendor[\\/]merge-refs\.ts$/,
    );
    const menu = join(scrollAreaDir, "..", "Popover", "use-popover.mjs");
    expect(resolveId("@floating-ui/react", menu)).toBeUndefined();
    expect(resolveId("react", join(scrollAreaDir, "ScrollArea.mjs"))).toBeUndefined();
  });

  it("matches what Mantine's ScrollArea imports from @floating-ui/react: useMergeRefs alone", () => {
    const source = readFileSync(join(scrollAreaDir, "ScrollArea.mjs"), "utf8");
    const imports = [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@floating-ui\/react"/g)].map((m) =>
      m[1]!.trim(),
    );
    // A Mantine upgrade that imports more from it fails the build (a missing export); this says why.
    expect(imports).toEqual(["useMergeRefs"]);
  });
});
