import { Text } from "@mantine/core";
import { type ReactNode, useCallback, useEffect, useState } from "react";

/** How long "✓ Saved" stays next to a Save button after a successful save, in milliseconds. */
export const SAVED_NOTICE_MS = 4000;

/**
 * The one save-feedback pattern of every settings form (issue 15, item 12): the result of a
 * save is shown where the user clicked, next to the Save button, in a polite live region —
 * "✓ Saved" for {@link SAVED_NOTICE_MS} after a save, "Unsaved changes" while the form differs
 * from what is stored, else the card's hint. Failures are shown on the fields (or above them),
 * never only in a toast; toasts are for actions that leave the page (create, delete, join).
 */
export interface SaveStatusProps {
  /** The form differs from what is stored. */
  dirty: boolean;
  /** A save just succeeded (from {@link useSavedNotice}). */
  saved: boolean;
  /** Shown when neither applies, e.g. "Please use 48 characters at maximum." */
  hint?: ReactNode;
}

export function SaveStatus({ dirty, saved, hint }: SaveStatusProps) {
  return (
    <Text size="sm" c="dimmed" role="status" component="span">
      {saved && !dirty ? (
        <Text
          span
          size="sm"
          fw={600}
          style={{ color: "light-dark(var(--mantine-color-teal-9), var(--mantine-color-teal-4))" }}
        >
          ✓ Saved
        </Text>
      ) : dirty ? (
        "Unsaved changes"
      ) : (
        (hint ?? "")
      )}
    </Text>
  );
}

/**
 * `[saved, markSaved]`: call `markSaved()` in a mutation's `onSuccess`; `saved` is true for
 * {@link SAVED_NOTICE_MS} afterwards (a second save restarts the time).
 */
export function useSavedNotice(): [boolean, () => void] {
  const [savedAt, setSavedAt] = useState<number | null>(null);
  useEffect(() => {
    if (savedAt === null) return;
    const timer = setTimeout(() => setSavedAt(null), SAVED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [savedAt]);
  const markSaved = useCallback(() => setSavedAt(Date.now()), []);
  return [savedAt !== null, markSaved];
}
