import { Text } from "@mantine/core";
import { useCreateApiKey } from "./api";
import { UsageExamples } from "./help";
import { KeyExpiry, NewKeyDialog, SCOPE_LABELS } from "./lifecycle";

/**
 * "Create new API key": asks for a name, an expiry and a scope, then shows the full key once with a
 * Copy button. The key lives only in the dialog's state: closing the dialog drops it.
 */
export function CreateKeyDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateApiKey();
  return (
    <NewKeyDialog
      opened={opened}
      onClose={onClose}
      create={create}
      texts={{
        title: "Create new API key",
        formLabel: "New API key",
        nameLabel: "Name",
        nameDescription: "What will use this key? For example “training cluster” or “CI pipeline”.",
        emptyNameError: "Give the key a name.",
        reminderTo: "You get",
        warningTitle: "Copy your key now",
        warning:
          "This is the only time the full key is shown. It will not be shown again: once you close this dialog, it is gone for good, and you would have to create another key.",
        fieldTestId: "new-api-key",
      }}
      nameRequired
      guardUnsaved
      details={(created) => (
        <>
          <Text size="sm">
            Key ID <code>{created.id}</code> · {SCOPE_LABELS[created.scope]} ·{" "}
            <KeyExpiry apiKey={created} now={Date.now()} prefix />. Programs send it like this:
          </Text>
          <UsageExamples apiKey={created.key} />
        </>
      )}
    />
  );
}
