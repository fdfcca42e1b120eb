import { errorMessage } from "@homebase/settings-kit";
import { notifySuccess } from "@homebase/ui";
import { Alert, Button, Code, Group, Stack, Text } from "@mantine/core";
import { type ApiKey, useDeleteApiKey } from "./api";
import { Dialog } from "./dialog";

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
        <Stack gap="md">
          <Text size="sm">
            Delete the key <strong>“{apiKey.name}”</strong> with ID <Code>{apiKey.id}</Code>?
          </Text>
          <Text size="sm">
            Every script, training job and service that uses this key stops working at once: their next request is
            refused. This cannot be undone.
          </Text>
          {remove.isError && (
            <Alert color="red" variant="light" role="alert" title="Could not delete the key">
              {errorMessage(remove.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} data-autofocus>
              Cancel
            </Button>
            <Button color="red" onClick={confirm} loading={remove.isPending}>
              Delete key
            </Button>
          </Group>
        </Stack>
      )}
    </Dialog>
  );
}
