import { Text } from "@mantine/core";

/** Being built: see issue for the "Teams" section. */
export default function TeamsPage() {
  return <Text c="dimmed">This section is being built.</Text>;
}
