import { Text } from "@mantine/core";

/** Being built: see issue for the "Alerts" section. */
export default function AlertsPage() {
  return <Text c="dimmed">This section is being built.</Text>;
}
