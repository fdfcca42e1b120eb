import { errorMessage, isApiError, useUnsavedChanges } from "@homebase/settings-kit";
import { Dialog, ShowOnceKey } from "@homebase/ui/dialogs";
import { Alert, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { type CreatedApiKey, useCreateApiKey } from "./api";
import { UsageExamples } from "./help";
import { KeyExpiry, KeyLifetimeFields, SCOPE_LABELS, useKeyLifetime } from "./lifecycle";

const MAX_NAME = 64;

function NameStep({ onCreated, onCancel }: { onCreated: (key: CreatedApiKey) => void; onCancel: () => void }) {
  const create = useCreateApiKey();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const lifetime = useKeyLifetime();
  useUnsavedChanges(name.trim() !== "");

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setNameError("Give the key a name.");
    if (trimmed.length > MAX_NAME) return setNameError(`Must be at most ${MAX_NAME} characters.`);
    setNameError(null);
    setFormError(null);
    const chosen = lifetime.validate();
    if (!chosen) return;
    create.mutate(
      { name: trimmed, ...chosen },
      {
        onSuccess: onCreated,
        onError: (error) => {
          const fields = isApiError(error) ? error.fieldErrors() : {};
          if (fields.name) setNameError(fields.name);
          if (fields.expiresAt) lifetime.serverError(fields.expiresAt);
          if (!fields.name && !fields.expiresAt) setFormError(errorMessage(error));
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="New API key">
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light" role="alert" title="Could not create the key">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Name"
          description="What will use this key? For example “training cluster” or “CI pipeline”."
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError}
          maxLength={MAX_NAME}
          required
          autoComplete="off"
          data-autofocus
        />
        <KeyLifetimeFields form={lifetime} reminderTo="You get" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * "Create new API key": asks for a name, an expiry and a scope, then shows the full key once with a
 * Copy button. The key lives only in this component's state: closing the
 * dialog drops it.
 */
export function CreateKeyDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Dialog
      opened={opened}
      onClose={close}
      title={created ? "Your new API key" : "Create new API key"}
      size="lg"
      // With the key on screen, ShowOnceKey locks the dialog: only its Done button closes it.
    >
      {created ? (
        <ShowOnceKey
          name={created.name}
          secret={created.key}
          warningTitle="Copy your key now"
          warning="This is the only time the full key is shown. It will not be shown again: once you close this dialog, it is gone for good, and you would have to create another key."
          onDone={close}
          fieldTestId="new-api-key"
        >
          <Text size="sm">
            Key ID <code>{created.id}</code> · {SCOPE_LABELS[created.scope]} ·{" "}
            <KeyExpiry apiKey={created} now={Date.now()} prefix />. Programs send it like this:
          </Text>
          <UsageExamples apiKey={created.key} />
        </ShowOnceKey>
      ) : (
        <NameStep onCreated={setCreated} onCancel={close} />
      )}
    </Dialog>
  );
}
