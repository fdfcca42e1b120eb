import { Alert, Button, Group, Stack } from "@mantine/core";
import type { ReactNode } from "react";

export interface ConfirmPanelProps {
  /** What will happen and what stops working. */
  children: ReactNode;
  /** The red button, e.g. "Disconnect Slack". */
  confirmLabel: string;
  onConfirm: () => void;
  /** The Cancel button; usually closes the dialog. */
  onCancel: () => void;
  /** While the action runs. */
  loading?: boolean;
  /** Why the last attempt failed; empty, null or undefined when it did not. */
  error?: string | null;
  /** Heading of the error, e.g. "Could not disconnect Slack". */
  errorTitle?: string;
}

/**
 * The body of a dialog confirming a destructive action: the caller's
 * explanation, the last error, and Cancel (focused first, the safe choice)
 * beside a red confirm button. Render it inside the caller's dialog.
 */
export function ConfirmPanel({
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  loading = false,
  error,
  errorTitle,
}: ConfirmPanelProps) {
  return (
    <Stack gap="md">
      {children}
      {error && (
        <Alert color="red" variant="light" role="alert" title={errorTitle}>
          {error}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel} data-autofocus>
          Cancel
        </Button>
        <Button color="red" loading={loading} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}
