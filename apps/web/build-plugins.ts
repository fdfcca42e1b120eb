import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const MERGE_REFS = join(dirname(fileURLToPath(import.meta.url)), "src", "vendor", "merge-refs.ts");
/** Mantine's ScrollArea modules (ScrollArea.mjs, in `esm/components/ScrollArea/`). */
const SCROLL_AREA = /[\\/]@mantine[\\/]core[\\/]esm[\\/]components[\\/]ScrollArea[\\/]/;

/**
 * Mantine's ScrollArea (inside every Modal, Drawer and Table) imports one hook, `useMergeRefs`,
 * from `@floating-ui/react`. That package is one module, so the bundler puts all of it that any
 * page uses (Menu, Popover and Tooltip use most of it: ~22 KB gzip with its dependencies) in one
 * chunk, and a section with only a dialog or a table downloaded all of Floating UI for that hook.
 * This serves ScrollArea the same hook from `src/vendor/merge-refs.ts`; every other importer
 * still gets `@floating-ui/react` itself. If Mantine stops importing it, nothing matches and the
 * build is unchanged (web-weight would show the figures move).
 */
export function mantineScrollAreaRefs(): Plugin {
  return {
    name: "homebase-mantine-scroll-area-refs",
    enforce: "pre",
    resolveId(source, importer) {
      if (source === "@floating-ui/react" && importer && SCROLL_AREA.test(importer)) return MERGE_REFS;
      return undefined;
    },
  };
}
