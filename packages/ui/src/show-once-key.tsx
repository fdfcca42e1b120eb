import { Alert, Button, CopyButton, Group, Stack, TextInput, VisuallyHidden } from "@mantine/core";
import type { ReactNode } from "react";

export interface ShowOnceKeyProps {
  /** The key's name; the field is labelled `API key “name”`. */
  name: string;
  /** The full secret, shown this once. */
  secret: string;
  /** Heading of the yellow warning above the key. */
  warningTitle: string;
  /** Why to copy the key now: it is gone once the dialog closes. */
  warning: ReactNode;
  /** Shown below the key, e.g. its ID and how programs send it. */
  children?: ReactNode;
  /** The Done button (closes the dialog, forgetting the key). */
  onDone: () => void;
  /** data-testid of the key's field. */
  fieldTestId?: string;
}

/**
 * The second step of creating an API key, inside its dialog: a warning, the
 * full key in a read-only field (selected on focus) with a Copy button that
 * announces itself, the caller's details, and Done.
 */
export function ShowOnceKey({ name, secret, warningTitle, warning, children, onDone, fieldTestId }: ShowOnceKeyProps) {
  return (
    <Stack gap="md">
      <Alert
        color="yellow"
        variant="light"
        title={warningTitle}
        styles={{ title: { color: "var(--mantine-color-text)" } }}
      >
        {warning}
      </Alert>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label={`API key “${name}”`}
          value={secret}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          style={{ flex: 1, minWidth: 0 }}
          data-testid={fieldTestId}
          data-autofocus
        />
        <CopyButton value={secret} timeout={2000}>
          {({ copied, copy }) => (
            <Button color={copied ? "teal" : undefined} onClick={copy} aria-label={copied ? "Copied" : "Copy key"}>
              {copied ? "Copied" : "Copy"}
              <VisuallyHidden role="status">{copied ? "The key was copied to the clipboard." : ""}</VisuallyHidden>
            </Button>
          )}
        </CopyButton>
      </Group>
      {children}
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
