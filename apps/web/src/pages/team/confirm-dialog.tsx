import { ConfirmPanel, Dialog } from "@homebase/ui/dialogs";
import type { ReactNode } from "react";

export interface ConfirmDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** What exactly will be lost. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  loading?: boolean;
  /** Why the last attempt failed, shown in the dialog. */
  error?: string | null;
}

/** A red confirmation for a destructive action; the safe choice (Cancel) has the focus first. */
export function ConfirmDialog({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  onConfirm,
  loading = false,
  error,
}: ConfirmDialogProps) {
  return (
    <Dialog opened={opened} onClose={onClose} title={title} centered>
      <ConfirmPanel
        confirmLabel={confirmLabel}
        onConfirm={onConfirm}
        onCancel={onClose}
        loading={loading}
        error={error}
      >
        {children}
      </ConfirmPanel>
    </Dialog>
  );
}
