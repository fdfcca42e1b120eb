import { errorMessage, isApiError, useUnsavedChanges } from "@homebase/settings-kit";
import { ContrastBadge, ErrorFallback, notifySuccess, SettingsCard } from "@homebase/ui";
import { ConfirmPanel, Dialog } from "@homebase/ui/dialogs";
import { Alert, Anchor, Button, Group, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useDeliveryLog, useDisconnectSlack, useIntegrations, useSaveSlackWebhook, useSendSlackTest } from "./api";
import { formatClockTime, SLACK_FORM_ID, type TestSendState, testSendOutcome } from "./model";

/** Text colours of the result of "Send test", readable (WCAG AA) in both themes. */
const OUTCOME_COLORS: Record<TestSendState, string | undefined> = {
  sending: undefined,
  queued: undefined,
  sent: "light-dark(var(--mantine-color-teal-9), var(--mantine-color-teal-4))",
  retrying: "light-dark(var(--mantine-color-orange-9), var(--mantine-color-orange-4))",
  failed: "light-dark(var(--mantine-color-red-9), var(--mantine-color-red-4))",
};

/** The result of "Send test", next to the button, in a polite live region. */
function TestResult({ sendTest }: { sendTest: ReturnType<typeof useSendSlackTest> }) {
  const log = useDeliveryLog();
  const testId = sendTest.data?.id;
  const delivery = testId ? log.data?.items.find((d) => d.id === testId && d.status !== "throttled") : undefined;
  const outcome = testSendOutcome(
    {
      sending: sendTest.isPending,
      requestError: sendTest.isError ? errorMessage(sendTest.error) : null,
      requested: sendTest.isSuccess,
      delivery,
    },
    log.data?.maxAttempts,
    (iso) => formatClockTime(iso),
  );
  return (
    <Text
      size="sm"
      role="status"
      data-state={outcome?.state}
      c={outcome && OUTCOME_COLORS[outcome.state] ? undefined : "dimmed"}
      fw={outcome?.state === "sent" ? 600 : undefined}
      style={{
        flex: "1 1 12rem",
        minWidth: 0,
        overflowWrap: "anywhere",
        color: outcome ? OUTCOME_COLORS[outcome.state] : undefined,
      }}
    >
      {outcome?.text ?? ""}
    </Text>
  );
}

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
          <Group justify="space-between" align="center" gap="sm" wrap="wrap">
            <Group gap="sm" wrap="wrap" style={{ flex: "1 1 18rem", minWidth: 0 }}>
              <Button type="submit" form={`${SLACK_FORM_ID}-form`} loading={save.isPending}>
                {connected ? "Replace webhook" : "Save"}
              </Button>
              {connected && (
                <>
                  <Button variant="default" onClick={() => sendTest.mutate()} loading={sendTest.isPending}>
                    Send test
                  </Button>
                  <TestResult sendTest={sendTest} />
                </>
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
