import { Text } from "@mantine/core";

/** Being built: see issue for the "Delete account" section. */
export default function AccountPage() {
  return <Text c="dimmed">This section is being built.</Text>;
}
