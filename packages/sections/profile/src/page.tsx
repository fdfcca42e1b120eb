import { Text } from "@mantine/core";

/** Being built: see issue for the "Profile" section. */
export default function ProfilePage() {
  return <Text c="dimmed">This section is being built.</Text>;
}
