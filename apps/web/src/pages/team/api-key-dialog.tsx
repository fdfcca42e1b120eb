import {
  KeyExpiry,
  type KeyLifetime,
  KeyLifetimeFields,
  SCOPE_LABELS,
  useKeyLifetime,
} from "@homebase/section-api-keys/lifecycle";
import { api, errorMessage, isApiError, unwrap } from "@homebase/settings-kit";
import { Dialog, ShowOnceKey } from "@homebase/ui/dialogs";
import { Button, Code, Group, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { CreatedKey, ServiceAccount } from "./team-api";
import { teamKeys } from "./team-api";

const saKeys = api.api.v1.teams[":team"]["service-accounts"][":sa"]["api-keys"];

/** `POST /teams/:team/service-accounts/:sa/api-keys` with a name, a scope and an expiry. */
function createServiceAccountKey(team: string, sa: string, body: { name: string } & KeyLifetime): Promise<CreatedKey> {
  return unwrap(saKeys.$post({ param: { team, sa }, json: body }));
}

/** `POST …/api-keys/:id/rotate`: a new key with the same name, scope and lifetime; the old one stops at once. */
export function rotateServiceAccountKey(team: string, sa: string, id: string): Promise<CreatedKey> {
  return unwrap(saKeys[":id"].rotate.$post({ param: { team, sa, id } }));
}

/** Below a new service-account key: its ID, and that programs act for the team. */
export function ServiceAccountKeyDetails({
  created,
  account,
  team,
}: {
  created: CreatedKey;
  account?: string;
  team: string;
}) {
  return (
    <Text size="sm">
      Key ID <Code>{created.id}</Code> of the service account {account} · {SCOPE_LABELS[created.scope]} ·{" "}
      <KeyExpiry apiKey={created} now={Date.now()} prefix />. Programs send it as <Code>Authorization: Bearer KEY</Code>{" "}
      and act for the team {team}.
    </Text>
  );
}

export interface CreateKeyDialogProps {
  team: string;
  /** The account to create a key for; null when closed. */
  account: ServiceAccount | null;
  onClose: () => void;
}

/**
 * Names a new key for a service account and sets its expiry and scope, then shows the full key once with a
 * Copy button. Closing the dialog forgets the key for good.
 */
export function CreateKeyDialog({ team, account, onClose }: CreateKeyDialogProps) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const lifetime = useKeyLifetime();
  const [shown, setShown] = useState(account);
  if (account && account !== shown) setShown(account);

  const create = useMutation({
    mutationFn: ({ sa, ...body }: { sa: string; name: string } & KeyLifetime) =>
      createServiceAccountKey(team, sa, body),
    onSuccess: (key) => {
      setCreated(key);
      void queryClient.invalidateQueries({ queryKey: teamKeys.serviceAccounts(team) });
    },
    onError: (e) => {
      const fields = isApiError(e) ? e.fieldErrors() : {};
      if (fields.expiresAt) lifetime.serverError(fields.expiresAt);
      else setError(isApiError(e) ? (fields.name ?? e.detail) : errorMessage(e));
    },
  });

  const close = () => {
    setName("");
    setError(null);
    setCreated(null);
    lifetime.reset();
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
    const chosen = lifetime.validate();
    if (!chosen) return;
    create.mutate({ sa: shown.id, name: trimmed, ...chosen });
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
          <ServiceAccountKeyDetails created={created} account={shown?.name} team={team} />
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
            <KeyLifetimeFields form={lifetime} reminderTo="The team's admins get" />
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
