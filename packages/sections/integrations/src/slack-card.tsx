import { ContrastBadge, SettingsCard } from "@homebase/ui";
import { Anchor, Group, Text } from "@mantine/core";
import { Link } from "react-router";

/** Slack's state; it is set up next to the alerts it carries. */
export function SlackCard({ connected }: { connected: boolean }) {
  return (
    <SettingsCard
      title="Slack"
      description={
        <Group component="span" gap="xs" wrap="wrap">
          <span>Alerts posted to a Slack channel.</span>
          <ContrastBadge color={connected ? "green" : "gray"}>
            {connected ? "Connected" : "Not connected"}
          </ContrastBadge>
        </Group>
      }
    >
      <Text size="sm">
        {connected
          ? "Alerts you switch on for Slack are posted through your incoming webhook. "
          : "Slack is connected with an incoming-webhook URL, next to the alerts it carries. "}
        <Anchor component={Link} to="/settings/alerts" underline="always">
          {connected ? "Manage Slack in Alerts" : "Set up Slack in Alerts"}
        </Anchor>
      </Text>
    </SettingsCard>
  );
}
