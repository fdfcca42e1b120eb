import { errorMessage, isApiError } from "@homebase/settings-kit";
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { type CreatedKey, createServiceAccountKey, type ServiceAccount, teamKeys } from "./team-api";

export interface CreateKeyDialogProps {
  team: string;
  /** The account to create a key for; null when closed. */
  account: ServiceAccount | null;
  onClose: () => void;
}

/**
 * Names a new key for a service account, then shows the full key once with a
 * Copy button. Closing the dialog forgets the key for good.
 */
export function CreateKeyDialog({ team, account, onClose }: CreateKeyDialogProps) {
  const queryClient = useQueryClient();
  const labelId = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [shown, setShown] = useState(account);
  if (account && account !== shown) setShown(account);

  const create = useMutation({
    mutationFn: (input: { sa: string; name: string }) => createServiceAccountKey(team, input.sa, input.name),
    onSuccess: (key) => {
      setCreated(key);
      void queryClient.invalidateQueries({ queryKey: teamKeys.serviceAccounts(team) });
    },
    onError: (e) => setError(isApiError(e) ? (e.fieldErrors().name ?? e.detail) : errorMessage(e)),
  });

  const close = () => {
    setName("");
    setError(null);
    setCreated(null);
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!shown) return;
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Give the key a name, such as the script or machine that will use it.");
      return;
    }
    setError(null);
    create.mutate({ sa: shown.id, name: trimmed });
  };

  return (
    <Modal
      opened={account !== null}
      onClose={close}
      title={created ? "Copy your new API key" : `Create an API key for ${shown?.name ?? ""}`}
      centered
      size="lg"
      // The key exists only in this dialog: a stray click outside must not lose it.
      closeOnClickOutside={!created}
      closeButtonProps={{ "aria-label": "Close" }}
    >
      {created ? (
        <Stack gap="md">
          <Alert color="yellow" variant="light" title="This key will not be shown again">
            Copy it now and store it in a secrets manager. Once you close this dialog, nobody can see it again — not
            even an admin. If it is lost, create a new key.
          </Alert>
          <Stack gap={6} role="group" aria-labelledby={labelId}>
            <Text id={labelId} size="sm" fw={600}>
              API key “{created.name}” (key ID {created.id})
            </Text>
            <Code
              block
              data-testid="created-api-key"
              style={{ wordBreak: "break-all", whiteSpace: "pre-wrap", fontSize: "var(--mantine-font-size-sm)" }}
            >
              {created.key}
            </Code>
          </Stack>
          <Text size="sm" c="dimmed">
            Programs send it as <code>Authorization: Bearer KEY</code>; it acts for the team {team}.
          </Text>
          <Group justify="flex-end" gap="sm">
            <CopyButton value={created.key} timeout={2000}>
              {({ copied, copy }) => (
                <Button variant={copied ? "light" : "filled"} color={copied ? "teal" : undefined} onClick={copy}>
                  {copied ? "Copied" : "Copy key"}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={close}>
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label="Key name"
              description="Say where it will be used, e.g. “nightly training on ci-runner-3”."
              value={name}
              onChange={(event) => {
                setName(event.currentTarget.value);
                setError(null);
              }}
              error={error}
              maxLength={64}
              autoComplete="off"
              data-autofocus
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
