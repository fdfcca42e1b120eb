import { errorMessage } from "@homebase/settings-kit";
import { notifySuccess } from "@homebase/ui";
import { ConfirmPanel, Dialog, ShowOnceKey } from "@homebase/ui/dialogs";
import { Code, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { keyState, type LifecycleKey } from "./model";

export interface RotatedKey {
  id: string;
  name: string;
  key: string;
}

export interface RotateKeyDialogProps<K extends LifecycleKey, C extends RotatedKey> {
  /** The key to rotate; null while closed. */
  apiKey: K | null;
  onClose: () => void;
  /** `POST …/api-keys/:id/rotate`. */
  rotate: (key: K) => Promise<C>;
  /** After a rotation, e.g. to refresh the list. */
  onRotated?: () => void;
  /** Whose key it is, after the name, e.g. "of the service account ci-bot". */
  owner?: string;
  /** Below the new key: its ID and how programs send it. */
  details?: (created: C) => ReactNode;
  fieldTestId?: string;
}

/**
 * Confirms rotating a key (the old key stops at once), then shows the new one once, as creating
 * a key does. The new key lives only in this component's state.
 */
export function RotateKeyDialog<K extends LifecycleKey, C extends RotatedKey>({
  apiKey,
  onClose,
  rotate,
  onRotated,
  owner,
  details,
  fieldTestId,
}: RotateKeyDialogProps<K, C>) {
  const [shown, setShown] = useState(apiKey);
  if (apiKey && apiKey !== shown) setShown(apiKey);
  const [created, setCreated] = useState<C | null>(null);
  const mutation = useMutation({
    mutationFn: rotate,
    onSuccess: (key, old) => {
      setCreated(key);
      notifySuccess(`The key “${old.name}” was rotated: the old key no longer works.`, "API key rotated");
      onRotated?.();
    },
  });
  const close = () => {
    setCreated(null);
    mutation.reset();
    onClose();
  };
  const expired = shown ? keyState(shown) === "expired" : false;
  return (
    <Dialog
      opened={apiKey !== null}
      onClose={close}
      title={created ? "Your new API key" : "Rotate API key"}
      size={created ? "lg" : "md"}
      centered
    >
      {created ? (
        <ShowOnceKey
          name={created.name}
          secret={created.key}
          warningTitle="Copy your new key now"
          warning="This is the only time the new key is shown. Once you close this dialog it is gone for good. Give it to every program that used the old key: the old key no longer works."
          onDone={close}
          fieldTestId={fieldTestId}
        >
          {details?.(created)}
        </ShowOnceKey>
      ) : (
        shown && (
          <ConfirmPanel
            confirmLabel="Rotate key"
            onConfirm={() => mutation.mutate(shown)}
            onCancel={close}
            loading={mutation.isPending}
            error={mutation.isError ? errorMessage(mutation.error) : null}
            errorTitle="Could not rotate the key"
          >
            <Text size="sm">
              Rotate the key <strong>“{shown.name}”</strong> (<Code>{shown.id}</Code>){owner ? ` ${owner}` : ""}? You
              get a new key with the same name, scope and lifetime{expired ? ", counted from now" : ""}.
            </Text>
            <Text size="sm" fw={600}>
              The old key stops working at once: every script, job or service that uses it is refused until it gets the
              new key.
            </Text>
          </ConfirmPanel>
        )
      )}
    </Dialog>
  );
}
