import { Center, Loader, VisuallyHidden } from "@mantine/core";

export interface PageLoaderProps {
  /** Read by screen readers. @default "Loading…" */
  label?: string;
  /** Minimum height of the area, so the layout does not jump. @default 240 */
  minHeight?: number | string;
}

/** A centred spinner announced politely to screen readers. */
export function PageLoader({ label = "Loading…", minHeight = 240 }: PageLoaderProps) {
  return (
    <Center mih={minHeight} role="status" aria-live="polite">
      <Loader size="md" aria-hidden />
      <VisuallyHidden>{label}</VisuallyHidden>
    </Center>
  );
}
