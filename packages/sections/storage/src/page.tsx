import { Text } from "@mantine/core";

/** Being built: see issue for the "Storage" section. */
export default function StoragePage() {
  return <Text c="dimmed">This section is being built.</Text>;
}
