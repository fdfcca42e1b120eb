import { type Ref, type RefCallback, useCallback, useMemo, useRef } from "react";

type Cleanup = () => void;

/**
 * `useMergeRefs` from `@floating-ui/react` (MIT, © Floating UI contributors), the only thing
 * Mantine's ScrollArea imports from that package: one ref callback that sets every ref given
 * (callback refs' React 19 cleanups included) and unsets them when the node goes. The build
 * serves ScrollArea this module instead (`mantineScrollAreaRefs()` in `build-plugins.ts`), so a
 * page with a Modal or a Table no longer downloads the whole of Floating UI for it. Same
 * behaviour as the original, line for line; `merge-refs.test.ts` pins it.
 */
export function useMergeRefs<T>(refs: ReadonlyArray<Ref<T> | undefined>): RefCallback<T> | null {
  const cleanupRef = useRef<Cleanup | undefined>(undefined);
  const refEffect = useCallback((instance: T): Cleanup => {
    const cleanups = refs.map((ref): Cleanup | undefined => {
      if (ref == null) return undefined;
      if (typeof ref === "function") {
        const refCleanup = ref(instance);
        return typeof refCleanup === "function" ? refCleanup : () => void ref(null);
      }
      ref.current = instance;
      return () => {
        ref.current = null;
      };
    });
    return () => {
      for (const cleanup of cleanups) cleanup?.();
    };
  }, refs);
  return useMemo(() => {
    if (refs.every((ref) => ref == null)) return null;
    return (value: T | null) => {
      if (cleanupRef.current) {
        cleanupRef.current();
        cleanupRef.current = undefined;
      }
      if (value != null) cleanupRef.current = refEffect(value);
    };
  }, refs);
}
