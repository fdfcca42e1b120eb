import { errorMessage, useUnsavedChanges } from "@homebase/settings-kit";
import { notifySuccess } from "@homebase/ui";
import { Dialog } from "@homebase/ui/dialogs";
import { Button, Group, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ConfirmDialog } from "./confirm-dialog";
import { ServiceAccountNameField, useServiceAccountName } from "./service-account-name";
import { deleteServiceAccount, renameServiceAccount, type ServiceAccount, teamKeys } from "./team-api";

export interface ServiceAccountDialogProps {
  team: string;
  /** The account acted on; null when closed. */
  account: ServiceAccount | null;
  onClose: () => void;
}

/** Renames a service account; its keys keep working. */
export function RenameServiceAccountDialog({ team, account, onClose }: ServiceAccountDialogProps) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(account);
  const field = useServiceAccountName();
  if (account && account !== shown) {
    setShown(account);
    field.reset(account.name);
  }
  // A new name typed but not saved: a reload (or leaving) asks first.
  useUnsavedChanges(account !== null && shown !== null && field.name.trim() !== shown.name);
  const rename = useMutation({
    mutationFn: (input: { sa: string; name: string }) => renameServiceAccount(team, input.sa, input.name),
    onSuccess: async (renamed) => {
      notifySuccess(`The service account is now called ${renamed.name}. Its API keys keep working.`);
      onClose();
      await queryClient.invalidateQueries({ queryKey: teamKeys.serviceAccounts(team) });
    },
    onError: field.refused,
  });
  const close = () => {
    rename.reset();
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!shown) return;
    const value = field.take();
    if (value === null) return;
    if (value === shown.name) {
      close();
      return;
    }
    rename.mutate({ sa: shown.id, name: value });
  };
  return (
    <Dialog opened={account !== null} onClose={close} title={`Rename ${shown?.name ?? ""}`} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ServiceAccountNameField
            field={field}
            description="Its API keys keep working under the new name."
            autoFocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={rename.isPending}>
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

function keysLine(n: number) {
  if (n === 0) return "It has no API keys.";
  if (n === 1) return "Its 1 API key stops working at once: scripts and services using it are refused.";
  return `Its ${n} API keys stop working at once: scripts and services using them are refused.`;
}

/** Deletes a service account after naming how many keys stop working. */
export function DeleteServiceAccountDialog({ team, account, onClose }: ServiceAccountDialogProps) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(account);
  if (account && account !== shown) setShown(account);
  const remove = useMutation({
    mutationFn: (target: ServiceAccount) => deleteServiceAccount(team, target.id),
    onSuccess: async (_, target) => {
      notifySuccess(`Service account ${target.name} was deleted.`);
      onClose();
      await queryClient.invalidateQueries({ queryKey: teamKeys.serviceAccounts(team) });
    },
  });
  const keys = shown?.apiKeys.length ?? 0;
  return (
    <ConfirmDialog
      opened={account !== null}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      title={`Delete ${shown?.name ?? ""}?`}
      confirmLabel={
        keys === 0 ? "Delete service account" : `Delete account and ${keys === 1 ? "1 key" : `${keys} keys`}`
      }
      onConfirm={() => account && remove.mutate(account)}
      loading={remove.isPending}
      error={remove.isError ? errorMessage(remove.error) : null}
    >
      <Text size="sm">
        Delete the service account <strong>{shown?.name}</strong> of {team}? {keysLine(keys)}
      </Text>
      <Text size="sm">Runs it created stay in the team. This cannot be undone.</Text>
    </ConfirmDialog>
  );
}
