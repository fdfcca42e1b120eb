import { Text } from "@mantine/core";

/** Being built: see issue for the "Default team" section. */
export default function DefaultTeamPage() {
  return <Text c="dimmed">This section is being built.</Text>;
}
