import { Stack } from "@mantine/core";
import { AlertGrid } from "./alert-grid";
import { useIntegrations } from "./api";
import { DeliveryLog } from "./delivery-log";
import { SdkCard } from "./sdk-card";
import { SlackCard } from "./slack-card";

/** Alerts: which events go by e-mail and Slack, the Slack webhook, how scripts send alerts, and what was delivered. */
export default function AlertsPage() {
  const integrations = useIntegrations();
  return (
    <Stack gap="lg">
      <AlertGrid slackConnected={integrations.data?.slack.connected} />
      <SlackCard />
      <SdkCard />
      <DeliveryLog />
    </Stack>
  );
}
