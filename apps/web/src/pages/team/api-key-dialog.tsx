import { errorMessage, isApiError } from "@homebase/settings-kit";
import { Dialog, ShowOnceKey } from "@homebase/ui/dialogs";
import { Button, Code, Group, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
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
    <Dialog
      opened={account !== null}
      onClose={close}
      title={created ? "Your new API key" : `Create an API key for ${shown?.name ?? ""}`}
      centered
      size="lg"
      // The key exists only in this dialog: a stray click outside must not lose it.
      closeOnClickOutside={!created}
    >
      {created ? (
        <ShowOnceKey
          name={created.name}
          secret={created.key}
          warningTitle="This key will not be shown again"
          warning="Copy it now and store it in a secrets manager. Once you close this dialog it is gone for good — not even an admin can see it again — and you would have to create another key."
          onDone={close}
          fieldTestId="created-api-key"
        >
          <Text size="sm">
            Key ID <Code>{created.id}</Code> of the service account {shown?.name}. Programs send it as{" "}
            <Code>Authorization: Bearer KEY</Code> and act for the team {team}.
          </Text>
        </ShowOnceKey>
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
    </Dialog>
  );
}
