import { Text } from "@mantine/core";

/** Being built: see issue for the "API keys" section. */
export default function ApiKeysPage() {
  return <Text c="dimmed">This section is being built.</Text>;
}
