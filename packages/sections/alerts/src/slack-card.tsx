import { errorMessage, isApiError, useUnsavedChanges } from "@homebase/settings-kit";
import { ContrastBadge, ErrorFallback, notifySuccess, SettingsCard } from "@homebase/ui";
import { ConfirmPanel, Dialog } from "@homebase/ui/dialogs";
import { Alert, Anchor, Button, Group, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useDisconnectSlack, useIntegrations, useSaveSlackWebhook, useSendSlackTest } from "./api";
import { SLACK_FORM_ID } from "./model";

const SLACK_DOCS = "https://api.slack.com/messaging/webhooks";

function DisconnectDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const disconnect = useDisconnectSlack();
  const close = () => {
    disconnect.reset();
    onClose();
  };
  return (
    <Dialog opened={opened} onClose={close} title="Disconnect Slack">
      <ConfirmPanel
        confirmLabel="Disconnect Slack"
        onConfirm={() =>
          disconnect.mutate(undefined, {
            onSuccess: () => {
              notifySuccess("Alerts no longer go to Slack.", "Slack disconnected");
              close();
            },
          })
        }
        onCancel={close}
        loading={disconnect.isPending}
        error={disconnect.isError ? errorMessage(disconnect.error) : null}
        errorTitle="Could not disconnect Slack"
      >
        <Text size="sm">
          The saved webhook URL is deleted, and no alert goes to Slack any more until you connect it again. Pending
          Slack deliveries will fail. Your e-mail alerts are not affected.
        </Text>
      </ConfirmPanel>
    </Dialog>
  );
}

/** The incoming-webhook URL: save (or replace), send a test, disconnect. */
export function SlackCard() {
  const integrations = useIntegrations();
  const save = useSaveSlackWebhook();
  const sendTest = useSendSlackTest();
  const [url, setUrl] = useState("");
  const [urlError, setUrlError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  useUnsavedChanges(url.trim() !== "");

  if (integrations.isError) {
    return (
      <ErrorFallback
        title="Could not load your Slack connection"
        error={errorMessage(integrations.error)}
        onRetry={() => void integrations.refetch()}
      />
    );
  }
  const connected = integrations.data?.slack.connected;

  const onSave = (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = url.trim();
    if (!trimmed) return setUrlError("Paste the incoming-webhook URL from Slack.");
    setUrlError(null);
    setFormError(null);
    save.mutate(trimmed, {
      onSuccess: () => {
        setUrl("");
        notifySuccess(
          connected ? "Slack alerts now go to the new webhook." : "You can now switch on Slack alerts.",
          "Slack webhook saved",
        );
      },
      onError: (error) => {
        const field = isApiError(error) ? error.fieldErrors().webhookUrl : undefined;
        if (field) setUrlError(field);
        else setFormError(errorMessage(error));
      },
    });
  };

  return (
    <div id={SLACK_FORM_ID}>
      <SettingsCard
        title="Slack"
        description={
          <>
            Alerts are posted to a Slack channel through an{" "}
            <Anchor href={SLACK_DOCS} target="_blank" rel="noreferrer" underline="always">
              incoming webhook
            </Anchor>
            . The URL is stored encrypted and never shown again.
          </>
        }
        footer={
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Group gap="sm">
              <Button type="submit" form={`${SLACK_FORM_ID}-form`} loading={save.isPending}>
                {connected ? "Replace webhook" : "Save"}
              </Button>
              {connected && (
                <Button variant="default" onClick={() => sendTest.mutate()} loading={sendTest.isPending}>
                  Send test
                </Button>
              )}
            </Group>
            {connected && (
              <Button color="red" variant="outline" onClick={() => setConfirming(true)}>
                Disconnect
              </Button>
            )}
          </Group>
        }
      >
        {integrations.isPending ? (
          <Stack gap="xs" aria-busy="true">
            <Skeleton height={14} width="40%" />
            <Skeleton height={36} />
          </Stack>
        ) : (
          <form id={`${SLACK_FORM_ID}-form`} onSubmit={onSave} noValidate aria-label="Slack webhook">
            <Stack gap="sm">
              <Group gap="xs">
                <Text size="sm" fw={500}>
                  Status
                </Text>
                <ContrastBadge color={connected ? "green" : "gray"}>
                  {connected ? "Connected" : "Not connected"}
                </ContrastBadge>
              </Group>
              {formError && (
                <Alert color="red" variant="light" role="alert" title="Could not save the webhook">
                  {formError}
                </Alert>
              )}
              <TextInput
                label={connected ? "New webhook URL" : "Webhook URL"}
                description={
                  connected
                    ? "A webhook is saved. Paste another URL to send alerts to a different channel."
                    : "In Slack: Apps → Incoming Webhooks → Add to Slack, pick a channel, and copy the URL."
                }
                placeholder="https://hooks.slack.com/services/…"
                type="url"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                value={url}
                onChange={(event) => setUrl(event.currentTarget.value)}
                error={urlError}
              />
            </Stack>
          </form>
        )}
      </SettingsCard>
      <DisconnectDialog opened={confirming} onClose={() => setConfirming(false)} />
    </div>
  );
}
