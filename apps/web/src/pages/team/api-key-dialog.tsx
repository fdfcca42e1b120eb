import { KeyExpiry, NewKeyDialog, type NewKeyInput, SCOPE_LABELS } from "@homebase/section-api-keys/lifecycle";
import { api, unwrap } from "@homebase/settings-kit";
import { Code, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { CreatedKey, ServiceAccount } from "./team-api";
import { teamKeys } from "./team-api";

const saKeys = api.api.v1.teams[":team"]["service-accounts"][":sa"]["api-keys"];

/** `POST /teams/:team/service-accounts/:sa/api-keys` with a name, a scope and an expiry. */
function createServiceAccountKey(team: string, sa: string, body: NewKeyInput): Promise<CreatedKey> {
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
  const [shown, setShown] = useState(account);
  if (account && account !== shown) setShown(account);

  const create = useMutation({
    mutationFn: (body: NewKeyInput) => {
      if (!shown) throw new Error("No service account chosen.");
      return createServiceAccountKey(team, shown.id, body);
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: teamKeys.serviceAccounts(team) }),
  });

  return (
    <NewKeyDialog
      opened={account !== null}
      onClose={onClose}
      create={create}
      texts={{
        title: `Create an API key for ${shown?.name ?? ""}`,
        nameLabel: "Key name",
        nameDescription: "Say where it will be used, e.g. “nightly training on ci-runner-3”.",
        emptyNameError: "Give the key a name, such as the script or machine that will use it.",
        reminderTo: "The team's admins get",
        warningTitle: "This key will not be shown again",
        warning:
          "Copy it now and store it in a secrets manager. Once you close this dialog it is gone for good — not even an admin can see it again — and you would have to create another key.",
        fieldTestId: "created-api-key",
      }}
      otherErrorsAt="name"
      centered
      details={(created) => <ServiceAccountKeyDetails created={created} account={shown?.name} team={team} />}
    />
  );
}
