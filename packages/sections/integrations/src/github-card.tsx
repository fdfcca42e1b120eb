import { errorMessage } from "@homebase/settings-kit";
import { ContrastBadge, notifySuccess, RelativeTime, SettingsCard } from "@homebase/ui";
import { ConfirmPanel, Dialog } from "@homebase/ui/dialogs";
import { Avatar, Button, Group, Stack, Text } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useDisconnectGithub } from "./api";
import { GITHUB_CONNECT_URL } from "./github-result";

export interface GithubState {
  configured: boolean;
  connected: boolean;
  login?: string;
  avatarUrl?: string | null;
  connectedAt?: string;
}

function DisconnectDialog({ login, opened, onClose }: { login: string; opened: boolean; onClose: () => void }) {
  const disconnect = useDisconnectGithub();
  const close = () => {
    disconnect.reset();
    onClose();
  };
  return (
    <Dialog opened={opened} onClose={close} title="Disconnect GitHub">
      <ConfirmPanel
        confirmLabel="Disconnect GitHub"
        onConfirm={() =>
          disconnect.mutate(undefined, {
            onSuccess: () => {
              notifySuccess(`GitHub account ${login} disconnected.`, "GitHub disconnected");
              close();
            },
          })
        }
        onCancel={close}
        loading={disconnect.isPending}
        error={disconnect.isError ? errorMessage(disconnect.error) : null}
        errorTitle="Could not disconnect GitHub"
      >
        <Text size="sm">
          Homebase deletes its access token for the GitHub account <strong>{login}</strong> and revokes it at GitHub.
          Homebase can no longer read your GitHub profile or organisations until you connect again.
        </Text>
      </ConfirmPanel>
    </Dialog>
  );
}

/** GitHub: the connected account with Disconnect, a Connect button, or "not configured". */
export function GithubCard({ github }: { github: GithubState }) {
  const [confirming, setConfirming] = useState(false);
  const connected = github.connected && github.login;

  let body: ReactNode;
  let footer: ReactNode;
  if (connected) {
    body = (
      <Group gap="md" wrap="nowrap">
        <Avatar src={github.avatarUrl ?? undefined} alt="" size={48} radius="xl" name={github.login} color="initials" />
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: "anywhere" }}>
            {github.login}
          </Text>
          {github.connectedAt && (
            <Text size="sm" c="dimmed">
              Connected <RelativeTime date={github.connectedAt} />
            </Text>
          )}
        </Stack>
      </Group>
    );
    footer = (
      <Group justify="flex-end">
        <Button color="red" variant="outline" onClick={() => setConfirming(true)}>
          Disconnect
        </Button>
      </Group>
    );
  } else if (github.configured) {
    body = (
      <Text size="sm">
        Connect your GitHub account to link runs to the commits and repositories they came from. You choose which
        organisations Homebase may see on GitHub's authorization page.
      </Text>
    );
    footer = (
      <Group>
        {/* A plain link: the API answers with a redirect to GitHub. */}
        <Button component="a" href={GITHUB_CONNECT_URL}>
          Connect GitHub
        </Button>
      </Group>
    );
  } else {
    body = (
      <Text size="sm">
        GitHub is not configured by your administrator. Once they register Homebase as a GitHub OAuth app, you can
        connect your account here.
      </Text>
    );
  }

  return (
    <>
      <SettingsCard
        title="GitHub"
        description={
          <Group component="span" gap="xs" wrap="wrap">
            <span>Your personal GitHub account.</span>
            <ContrastBadge color={connected ? "green" : "gray"}>
              {connected ? "Connected" : github.configured ? "Not connected" : "Not available"}
            </ContrastBadge>
          </Group>
        }
        footer={footer}
      >
        {body}
      </SettingsCard>
      {connected && (
        <DisconnectDialog login={github.login ?? ""} opened={confirming} onClose={() => setConfirming(false)} />
      )}
    </>
  );
}
