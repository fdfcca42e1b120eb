import { type api, errorMessage, type ResponseOf } from "@homebase/settings-kit";
import { ContrastBadge, notifySuccess, RelativeTime, SettingsCard } from "@homebase/ui";
import { ConfirmPanel, Dialog } from "@homebase/ui/dialogs";
import { Anchor, Avatar, Button, Code, Group, List, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useClipboard } from "@mantine/hooks";
import { type ReactNode, useState } from "react";
import { useDisconnectGithub } from "./api";
import { GITHUB_CONNECT_URL, GITHUB_ENV_VARS, GITHUB_NEW_OAUTH_APP_URL } from "./github-result";

/** The GitHub part of `GET /me/integrations` (`callbackUrl`: what to register on the GitHub OAuth app). */
export type GithubState = ResponseOf<typeof api.api.v1.me.integrations.$get>["github"];

interface DisconnectDialogProps {
  login: string;
  opened: boolean;
  onClose: () => void;
  onDisconnected?: () => void;
}

function DisconnectDialog({ login, opened, onClose, onDisconnected }: DisconnectDialogProps) {
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
              onDisconnected?.();
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

/** A value with a Copy button; the result is announced in a polite live region. */
function CopyableValue({ label, value }: { label: string; value: string }) {
  const clipboard = useClipboard({ timeout: 2000 });
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code block style={{ flex: 1, minWidth: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {value}
        </Code>
        <Button
          variant="default"
          size="xs"
          color={clipboard.copied ? "teal" : undefined}
          onClick={() => clipboard.copy(value)}
        >
          {clipboard.copied ? "Copied" : "Copy"}
          <VisuallyHidden> {label.toLowerCase()}</VisuallyHidden>
        </Button>
      </Group>
      <VisuallyHidden role="status">{clipboard.copied ? `${label} copied to the clipboard.` : ""}</VisuallyHidden>
      {clipboard.error && (
        <Text size="xs" c="red" role="alert">
          Could not copy to the clipboard: select the text and press Ctrl+C (⌘C on a Mac).
        </Text>
      )}
    </Stack>
  );
}

/** For an organisation admin of a server without GitHub: how to register the OAuth app and what to set. */
function GithubSetup({ callbackUrl }: { callbackUrl: string }) {
  const homepage = new URL(callbackUrl).origin;
  const envTemplate = [
    "GITHUB_CLIENT_ID=<Client ID>",
    "GITHUB_CLIENT_SECRET=<client secret>",
    "# GitHub Enterprise Server only:",
    "# GITHUB_BASE_URL=https://github.example.com",
  ].join("\n");
  return (
    <Stack gap="sm">
      <Text size="sm">
        GitHub is not set up on this server yet. As an organisation admin, you can set it up in two steps; then everyone
        here can connect their GitHub account.
      </Text>
      <List type="ordered" size="sm" spacing="sm" styles={{ itemWrapper: { minWidth: 0, width: "100%" } }}>
        <List.Item>
          <Stack gap="xs">
            <Text size="sm">
              On GitHub,{" "}
              <Anchor href={GITHUB_NEW_OAUTH_APP_URL} target="_blank" rel="noreferrer" underline="always">
                register a new OAuth app
              </Anchor>{" "}
              (Settings → Developer settings → OAuth Apps). Use <Code>{homepage}</Code> as its homepage URL and this
              authorization callback URL:
            </Text>
            <CopyableValue label="Authorization callback URL" value={callbackUrl} />
          </Stack>
        </List.Item>
        <List.Item>
          <Stack gap="xs">
            <Text size="sm">Set these variables in the server's environment, then restart Homebase:</Text>
            <List size="sm" spacing={4}>
              {GITHUB_ENV_VARS.map((variable) => (
                <List.Item key={variable.name}>
                  <Code>{variable.name}</Code> — {variable.description}
                </List.Item>
              ))}
            </List>
            <CopyableValue label="Environment variables" value={envTemplate} />
          </Stack>
        </List.Item>
      </List>
    </Stack>
  );
}

export interface GithubCardProps {
  github: GithubState;
  /** The viewer is an organisation admin: without GitHub configured, she is shown how to set it up. */
  admin?: boolean;
  /** Called once GitHub was disconnected (the page hides its "GitHub connected" banner). */
  onDisconnected?: () => void;
}

/** GitHub: the connected account with Disconnect, a Connect button, or "not configured" (with the setup for admins). */
export function GithubCard({ github, admin = false, onDisconnected }: GithubCardProps) {
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
  } else if (admin && github.callbackUrl) {
    body = <GithubSetup callbackUrl={github.callbackUrl} />;
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
        <DisconnectDialog
          login={github.login ?? ""}
          opened={confirming}
          onClose={() => setConfirming(false)}
          onDisconnected={onDisconnected}
        />
      )}
    </>
  );
}
