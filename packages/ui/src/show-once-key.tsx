import { Alert, Button, Group, Stack, Text, Textarea, VisuallyHidden } from "@mantine/core";
import { useClipboard } from "@mantine/hooks";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useDialogLock } from "./dialog";

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

const NOT_COPIED_QUESTION = "You have not copied the key. Close anyway?";

/**
 * The second step of creating an API key, inside its dialog: a warning, the
 * full key in a read-only monospace field that wraps (selected on focus) with
 * a Copy button that announces itself, the caller's details, and Done.
 *
 * The key exists only here, so the enclosing Dialog is locked (no Escape, no
 * backdrop click, no close button): it closes only through Done, which asks
 * first when the key was never copied (with the button or from the field).
 */
export function ShowOnceKey({ name, secret, warningTitle, warning, children, onDone, fieldTestId }: ShowOnceKeyProps) {
  useDialogLock();
  const clipboard = useClipboard({ timeout: 2000 });
  const [everCopied, setEverCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  if (clipboard.copied && !everCopied) setEverCopied(true);
  const markCopied = () => {
    setEverCopied(true);
    setConfirming(false);
  };

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
        <Textarea
          label={`API key “${name}”`}
          value={secret}
          readOnly
          autosize
          minRows={1}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          onFocus={(event) => event.currentTarget.select()}
          onCopy={markCopied}
          styles={{
            input: {
              fontFamily: "var(--mantine-font-family-monospace)",
              // The whole key, wrapped anywhere, never cut off; line height leaves room for underscores.
              wordBreak: "break-all",
              overflowWrap: "anywhere",
              whiteSpace: "pre-wrap",
              lineHeight: 1.6,
              resize: "none",
            },
          }}
          style={{ flex: 1, minWidth: 0 }}
          data-testid={fieldTestId}
          data-autofocus
        />
        <Button
          color={clipboard.copied ? "teal" : undefined}
          onClick={() => clipboard.copy(secret)}
          aria-label={clipboard.copied ? "Copied" : "Copy key"}
        >
          {clipboard.copied ? "Copied" : "Copy"}
          <VisuallyHidden role="status">
            {clipboard.copied ? "The key was copied to the clipboard." : ""}
          </VisuallyHidden>
        </Button>
      </Group>
      {clipboard.error && (
        <Text size="sm" c="red" role="alert">
          Could not copy to the clipboard: select the key and press Ctrl+C (⌘C on a Mac).
        </Text>
      )}
      {children}
      {confirming ? (
        <NotCopiedConfirm onBack={() => setConfirming(false)} onClose={onDone} />
      ) : (
        <Group justify="flex-end">
          <Button onClick={() => (everCopied ? onDone() : setConfirming(true))}>Done</Button>
        </Group>
      )}
    </Stack>
  );
}

/** Asked by Done when the key was never copied; focus moves to the safe choice. */
function NotCopiedConfirm({ onBack, onClose }: { onBack: () => void; onClose: () => void }) {
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  return (
    <Alert
      color="orange"
      variant="light"
      title={NOT_COPIED_QUESTION}
      styles={{ title: { color: "var(--mantine-color-text)" } }}
    >
      <Stack gap="sm">
        <Text size="sm">The key cannot be shown again: you would have to create another one.</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onBack} ref={back}>
            Go back
          </Button>
          <Button color="red" onClick={onClose}>
            Close anyway
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
