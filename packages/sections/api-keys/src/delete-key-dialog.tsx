import { errorMessage } from "@homebase/settings-kit";
import { notifySuccess } from "@homebase/ui";
import { ConfirmPanel, Dialog } from "@homebase/ui/dialogs";
import { Code, Text } from "@mantine/core";
import { type ApiKey, useDeleteApiKey } from "./api";

/** Confirms deleting one key, naming it, and says what stops working. */
export function DeleteKeyDialog({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const remove = useDeleteApiKey();
  const close = () => {
    remove.reset();
    onClose();
  };
  const confirm = () => {
    if (!apiKey) return;
    remove.mutate(apiKey, {
      onSuccess: () => {
        notifySuccess(`The key “${apiKey.name}” (${apiKey.id}) was deleted.`, "API key deleted");
        close();
      },
    });
  };
  return (
    <Dialog opened={apiKey !== null} onClose={close} title="Delete API key">
      {apiKey && (
        <ConfirmPanel
          confirmLabel="Delete key"
          onConfirm={confirm}
          onCancel={close}
          loading={remove.isPending}
          error={remove.isError ? errorMessage(remove.error) : null}
          errorTitle="Could not delete the key"
        >
          <Text size="sm">
            Delete the key <strong>“{apiKey.name}”</strong> with ID <Code>{apiKey.id}</Code>?
          </Text>
          <Text size="sm">
            Every script, training job and service that uses this key stops working at once: their next request is
            refused. This cannot be undone.
          </Text>
        </ConfirmPanel>
      )}
    </Dialog>
  );
}
