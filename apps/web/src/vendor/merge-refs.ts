import { useMergedRef } from "@mantine/hooks";
import type { Ref, RefCallback } from "react";

/**
 * `useMergeRefs` with the signature of `@floating-ui/react`'s (an array of refs), the only thing
 * Mantine's ScrollArea imports from that package, done by Mantine's own `useMergedRef` (already
 * in every page): one ref callback that sets every ref given and unsets each the way it asks
 * (a React 19 ref cleanup, else null). The build serves ScrollArea this module instead
 * (`mantineScrollAreaRefs()` in `build-plugins.ts`), so a page with a Modal or a Table no longer
 * downloads the whole of Floating UI for one hook; `merge-refs.test.tsx` pins the behaviour.
 */
export function useMergeRefs<T>(refs: ReadonlyArray<Ref<T> | undefined>): RefCallback<T> {
  return useMergedRef<T>(...refs);
}
