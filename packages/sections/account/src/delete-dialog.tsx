import { errorMessage, isApiError } from "@homebase/settings-kit";
import { Dialog } from "@homebase/ui/dialogs";
import { Alert, Button, Code, Group, List, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { deleteAccount, deletionCheckKey, useDeletionCheck } from "./api";
import { BlockingTeams } from "./blocking-teams";
import { confirmationMatches, DELETED_DATA } from "./confirm";
import { AFTER_ACCOUNT_DELETED, markAccountDeleted } from "./deleted-notice";
import { TeamsToDelete } from "./teams-to-delete";

interface Errors {
  confirm?: string;
  password?: string;
  form?: string;
}

/**
 * Asks for the username and the password. The button stays disabled until the username
 * matches. On success the session is gone: the browser goes to the sign-in page.
 */
export function DeleteAccountDialog({
  username,
  opened,
  onClose,
}: {
  username: string;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const check = useDeletionCheck();
  const [confirm, setConfirm] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState(false);
  const matches = confirmationMatches(confirm, username);
  const blocking = check.data?.blockingTeams ?? [];
  const teamsToDelete = check.data?.teamsToDelete ?? [];

  const close = () => {
    if (submitting) return;
    setConfirm("");
    setPassword("");
    setErrors({});
    onClose();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!matches) return setErrors({ confirm: `Type ${username} to confirm.` });
    if (!password) return setErrors({ password: "Enter your password." });
    setErrors({});
    setSubmitting(true);
    try {
      await deleteAccount(confirm.trim(), password);
      // Every session of the account ended with it: a full page load to sign-in forgets all cached
      // data, and sign-in says the account was deleted.
      markAccountDeleted();
      window.location.replace(AFTER_ACCOUNT_DELETED);
      return;
    } catch (error) {
      setSubmitting(false);
      if (!isApiError(error)) return setErrors({ form: errorMessage(error) });
      const fields = error.fieldErrors();
      if (error.status === 401) {
        setPassword("");
        return setErrors({ password: fields.password ?? "The password is not correct." });
      }
      if (error.status === 422) {
        return setErrors({
          confirm: fields.confirm,
          password: fields.password,
          form: fields.confirm ? undefined : error.detail,
        });
      }
      if (error.status === 409) void queryClient.invalidateQueries({ queryKey: deletionCheckKey });
      setErrors({ form: error.detail });
    }
  };

  return (
    <Dialog opened={opened} onClose={close} title="Delete account" closeOnClickOutside={!submitting}>
      <form onSubmit={onSubmit} noValidate aria-label="Delete account">
        <Stack gap="md">
          <Text size="sm">
            This deletes the account <strong>{username}</strong> and cannot be undone. Your sessions and API keys stop
            working at once, then this is purged for good:
          </Text>
          <List size="sm" spacing={2}>
            {DELETED_DATA.map((item) => (
              <List.Item key={item}>{item}</List.Item>
            ))}
          </List>
          {teamsToDelete.length > 0 && <TeamsToDelete teams={teamsToDelete} />}
          {blocking.length > 0 && <BlockingTeams teams={blocking} />}
          {errors.form && (
            <Alert color="red" variant="light" role="alert" title="Your account was not deleted">
              {errors.form}
            </Alert>
          )}
          <TextInput
            label={
              <>
                Type your username <Code>{username}</Code> to confirm
              </>
            }
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errors.confirm}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            data-autofocus
          />
          <PasswordInput
            label="Your password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            autoComplete="current-password"
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={submitting}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!matches} loading={submitting}>
              Delete my account
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
