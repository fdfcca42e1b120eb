import { fieldErrorMessage } from "@homebase/settings-kit";
import { TextInput } from "@mantine/core";
import { useState } from "react";

/** As the API allows. */
const MAX_NAME = 64;

/** The name typed for a service account (create, rename) and the message under it. */
export function useServiceAccountName() {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  return {
    name,
    error,
    /** Replaces what is typed (e.g. the current name when renaming) and forgets the message. */
    reset(value: string) {
      setName(value);
      setError(null);
    },
    /** The trimmed name to send, or null after saying one is needed. */
    take(): string | null {
      const value = name.trim();
      setError(value ? null : "Give the service account a name.");
      return value || null;
    },
    /** The API's refusal, under the field. */
    refused(e: Error) {
      setError(fieldErrorMessage(e, "name"));
    },
  };
}

export type ServiceAccountName = ReturnType<typeof useServiceAccountName>;

/** "Service account name": typing clears the message under it. */
export function ServiceAccountNameField({
  field,
  description,
  placeholder,
  autoFocus = false,
}: {
  field: ServiceAccountName;
  description?: string;
  placeholder?: string;
  /** Focused when its dialog opens. */
  autoFocus?: boolean;
}) {
  return (
    <TextInput
      label="Service account name"
      description={description}
      placeholder={placeholder}
      value={field.name}
      onChange={(event) => field.reset(event.currentTarget.value)}
      error={field.error}
      maxLength={MAX_NAME}
      autoComplete="off"
      data-autofocus={autoFocus || undefined}
    />
  );
}
