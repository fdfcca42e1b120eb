import { errorMessage } from "@homebase/settings-kit";
import { ErrorFallback, SettingsCard } from "@homebase/ui";
import { Anchor, Skeleton, Switch, Table, Text, VisuallyHidden } from "@mantine/core";
import type { MouseEvent } from "react";
import { useAlertPreferences, useToggleAlert } from "./api";
import { ALERT_EVENTS, CHANNEL_LABELS, CHANNELS, EVENT_LABELS, SLACK_FORM_ID } from "./model";

/** The "Connect Slack" hint: bring the webhook field into view and put the cursor in it. */
function focusSlackForm(event: MouseEvent<HTMLAnchorElement>) {
  const input = document.getElementById(SLACK_FORM_ID)?.querySelector("input");
  if (!input) return;
  event.preventDefault();
  input.scrollIntoView({ block: "center", behavior: "smooth" });
  input.focus({ preventScroll: true });
}

function GridSkeleton() {
  return (
    <Table.Tbody aria-hidden>
      {ALERT_EVENTS.map((event) => (
        <Table.Tr key={event}>
          <Table.Td>
            <Skeleton height={12} width="50%" mb={6} />
            <Skeleton height={10} width="80%" />
          </Table.Td>
          <Table.Td>
            <Skeleton height={20} width={36} mx="auto" radius="xl" />
          </Table.Td>
          <Table.Td>
            <Skeleton height={20} width={36} mx="auto" radius="xl" />
          </Table.Td>
        </Table.Tr>
      ))}
    </Table.Tbody>
  );
}

/**
 * Which events reach the user on which channel: a switch per event and
 * channel, saved at once. The Slack column waits for a saved webhook.
 */
export function AlertGrid({ slackConnected }: { slackConnected: boolean | undefined }) {
  const prefs = useAlertPreferences();
  const toggle = useToggleAlert();

  if (prefs.isError) {
    return (
      <ErrorFallback
        title="Could not load your alert settings"
        error={errorMessage(prefs.error)}
        onRetry={() => void prefs.refetch()}
      />
    );
  }
  const slackReady = slackConnected === true;
  return (
    <SettingsCard
      title="Where alerts go"
      description="Each switch saves at once. E-mail goes to the address on your profile."
    >
      <Table verticalSpacing="sm" horizontalSpacing={0} aria-busy={prefs.isPending || undefined}>
        <VisuallyHidden component="caption">Alerts by event and channel</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Event</Table.Th>
            {CHANNELS.map((channel) => (
              <Table.Th key={channel} scope="col" ta="center" w={84}>
                {CHANNEL_LABELS[channel]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        {prefs.isPending ? (
          <GridSkeleton />
        ) : (
          <Table.Tbody>
            {ALERT_EVENTS.map((event) => {
              const { label, description } = EVENT_LABELS[event];
              return (
                <Table.Tr key={event}>
                  <Table.Th scope="row" fw="normal" pr="sm">
                    <Text fw={600} size="sm">
                      {label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {description}
                    </Text>
                  </Table.Th>
                  {CHANNELS.map((channel) => {
                    const disabled = channel === "slack" && !slackReady;
                    return (
                      <Table.Td key={channel} ta="center">
                        <Switch
                          aria-label={`${label} by ${CHANNEL_LABELS[channel]}`}
                          checked={disabled ? false : prefs.data[event][channel]}
                          disabled={disabled}
                          onChange={(e) => toggle.mutate({ event, channel, enabled: e.currentTarget.checked })}
                          styles={{ body: { justifyContent: "center" } }}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        )}
      </Table>
      {slackConnected === false && (
        <Text size="sm" c="dimmed">
          Slack is not connected, so its column is off.{" "}
          <Anchor href={`#${SLACK_FORM_ID}`} underline="always" onClick={focusSlackForm}>
            Connect Slack
          </Anchor>{" "}
          with an incoming-webhook URL below.
        </Text>
      )}
    </SettingsCard>
  );
}
