import { Text } from "@mantine/core";

/** Being built: see issue for the "Integrations" section. */
export default function IntegrationsPage() {
  return <Text c="dimmed">This section is being built.</Text>;
}
