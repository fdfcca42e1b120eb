import { errorMessage, useViewer } from "@homebase/settings-kit";
import { ErrorFallback, SettingsCard } from "@homebase/ui";
import { Button, Group, List, Skeleton, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useDeletionCheck } from "./api";
import { BlockingTeams } from "./blocking-teams";
import { DELETED_DATA } from "./confirm";
import { DeleteAccountDialog } from "./delete-dialog";
import { EmailCard } from "./email-card";
import { PasswordCard } from "./password-card";
import { SessionsCard } from "./sessions-card";

/**
 * The account itself: its email address, password and signed-in sessions, then (red, at the
 * bottom) what deleting it removes, what blocks that, and the button that does it.
 */
export default function AccountPage() {
  const viewer = useViewer();
  const check = useDeletionCheck();
  const [opened, setOpened] = useState(false);
  const username = viewer.data?.username ?? "";
  const blocked = check.data ? !check.data.deletable : false;

  return (
    <Stack gap="lg">
      <EmailCard />
      <PasswordCard />
      <SessionsCard />
      <SettingsCard
        danger
        title="Delete your account"
        description="Deleting your account cannot be undone."
        footer={
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text size="sm" c="dimmed">
              {blocked ? "Hand over your teams first." : "You will be asked for your username and password."}
            </Text>
            <Button color="red" onClick={() => setOpened(true)} disabled={!username || blocked}>
              Delete account
            </Button>
          </Group>
        }
      >
        <Text size="sm">
          Your account <strong>{username || "…"}</strong> is deleted at once, and then everything in it is purged:
        </Text>
        <List size="sm" spacing={4}>
          {DELETED_DATA.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
        <Text size="sm">
          Your teams stay, with what is stored in them. Your username and e-mail address become free for a new account.
        </Text>
        {check.isPending ? (
          <Stack gap={6} aria-busy="true">
            <Skeleton height={12} width="60%" />
            <Skeleton height={12} width="40%" />
          </Stack>
        ) : check.isError ? (
          <ErrorFallback
            title="Could not check your teams"
            error={errorMessage(check.error)}
            onRetry={() => void check.refetch()}
          />
        ) : check.data.blockingTeams.length > 0 ? (
          <BlockingTeams teams={check.data.blockingTeams} />
        ) : null}
      </SettingsCard>
      {username && <DeleteAccountDialog username={username} opened={opened} onClose={() => setOpened(false)} />}
    </Stack>
  );
}
