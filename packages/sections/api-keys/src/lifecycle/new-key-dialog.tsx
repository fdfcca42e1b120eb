import { errorMessage, fieldErrorMessage, isApiError, useUnsavedChanges } from "@homebase/settings-kit";
import { Dialog, ShowOnceKey } from "@homebase/ui/dialogs";
import { Alert, Button, Group, Stack, TextInput } from "@mantine/core";
import { type FormEvent, type ReactNode, useState } from "react";
import { type KeyLifetime, KeyLifetimeFields, useKeyLifetime } from "./lifetime-fields";

const MAX_NAME = 64;

/** What `POST …/api-keys` takes: a name, an expiry and a scope. */
export type NewKeyInput = { name: string } & KeyLifetime;

/** The create mutation the dialog drives (a TanStack `useMutation` result). */
export interface NewKeyMutation<K> {
  mutate(input: NewKeyInput, callbacks: { onSuccess: (key: K) => void; onError: (error: Error) => void }): void;
  reset(): void;
  isPending: boolean;
}

/** The words of one dialog: personal keys and service-account keys say them differently. */
export interface NewKeyTexts {
  /** The naming step's title (the dialog's accessible name). */
  title: string;
  nameLabel: string;
  nameDescription: string;
  emptyNameError: string;
  /** Who gets the expiry reminder, e.g. "You get". */
  reminderTo: string;
  warningTitle: string;
  warning: string;
  fieldTestId: string;
  formLabel?: string;
}

export interface NewKeyDialogProps<K extends { name: string; key: string }> {
  opened: boolean;
  onClose: () => void;
  create: NewKeyMutation<K>;
  texts: NewKeyTexts;
  /** Below the key once created: its ID, scope, expiry, how programs send it. */
  details: (key: K) => ReactNode;
  /**
   * Where an error that is no field's goes: above the form ("form", with the name and expiry
   * errors at their fields) or under the name ("name").
   */
  otherErrorsAt?: "form" | "name";
  /** The name marked required (an asterisk). */
  nameRequired?: boolean;
  /** A name being typed counts as unsaved changes (the section's leave guard). */
  guardUnsaved?: boolean;
  centered?: boolean;
}

/**
 * Names a new API key and sets its expiry and scope, then shows the full key once with a Copy
 * button. The key lives only in this component's state: closing the dialog forgets it for good.
 * Used for personal keys (the API keys section) and service-account keys (the team page).
 */
export function NewKeyDialog<K extends { name: string; key: string }>({
  opened,
  onClose,
  create,
  texts,
  details,
  otherErrorsAt = "form",
  nameRequired = false,
  guardUnsaved = false,
  centered,
}: NewKeyDialogProps<K>) {
  const [created, setCreated] = useState<K | null>(null);
  const close = () => {
    setCreated(null);
    create.reset();
    onClose();
  };
  return (
    <Dialog
      opened={opened}
      onClose={close}
      title={created ? "Your new API key" : texts.title}
      centered={centered}
      size="lg"
      // The key exists only in this dialog: a stray click outside must not lose it.
      closeOnClickOutside={!created}
    >
      {created ? (
        <ShowOnceKey
          name={created.name}
          secret={created.key}
          warningTitle={texts.warningTitle}
          warning={texts.warning}
          onDone={close}
          fieldTestId={texts.fieldTestId}
        >
          {details(created)}
        </ShowOnceKey>
      ) : (
        <NameStep
          create={create}
          texts={texts}
          otherErrorsAt={otherErrorsAt}
          nameRequired={nameRequired}
          guardUnsaved={guardUnsaved}
          onCreated={setCreated}
          onCancel={close}
        />
      )}
    </Dialog>
  );
}

function NameStep<K>({
  create,
  texts,
  otherErrorsAt,
  nameRequired,
  guardUnsaved,
  onCreated,
  onCancel,
}: {
  create: NewKeyMutation<K>;
  texts: NewKeyTexts;
  otherErrorsAt: "form" | "name";
  nameRequired: boolean;
  guardUnsaved: boolean;
  onCreated: (key: K) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const lifetime = useKeyLifetime();
  useUnsavedChanges(guardUnsaved && name.trim() !== "");

  const onError = (error: Error) => {
    const fields = isApiError(error) ? error.fieldErrors() : {};
    if (otherErrorsAt === "name") {
      if (fields.expiresAt) lifetime.serverError(fields.expiresAt);
      else setNameError(fieldErrorMessage(error, "name"));
      return;
    }
    if (fields.name) setNameError(fields.name);
    if (fields.expiresAt) lifetime.serverError(fields.expiresAt);
    if (!fields.name && !fields.expiresAt) setFormError(errorMessage(error));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setNameError(texts.emptyNameError);
    if (trimmed.length > MAX_NAME) return setNameError(`Must be at most ${MAX_NAME} characters.`);
    setNameError(null);
    setFormError(null);
    const chosen = lifetime.validate();
    if (!chosen) return;
    create.mutate({ name: trimmed, ...chosen }, { onSuccess: onCreated, onError });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={texts.formLabel}>
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light" role="alert" title="Could not create the key">
            {formError}
          </Alert>
        )}
        <TextInput
          label={texts.nameLabel}
          description={texts.nameDescription}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            if (otherErrorsAt === "name") setNameError(null);
          }}
          error={nameError}
          maxLength={MAX_NAME}
          required={nameRequired}
          autoComplete="off"
          data-autofocus
        />
        <KeyLifetimeFields form={lifetime} reminderTo={texts.reminderTo} />
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
