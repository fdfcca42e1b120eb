import { RelativeTime } from "@homebase/ui";
import { Box, Code, Group, Stack, Text } from "@mantine/core";
import type { LifecycleKey } from "./model";
import { describeUserAgent } from "./user-agent";

/** The addresses a key was last used from, newest first, each with its client in words and when. */
export function RecentAddresses({ apiKey }: { apiKey: LifecycleKey }) {
  const addresses = [...(apiKey.recentAddresses ?? [])].sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt));
  if (addresses.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {apiKey.lastUsedAt ? "No address recorded yet." : "Not used yet."}
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        Recent addresses
      </Text>
      <Box component="ul" aria-label={`Addresses that used “${apiKey.name}”`} m={0} p={0} style={{ listStyle: "none" }}>
        {addresses.map((entry) => (
          <Box component="li" key={`${entry.address} ${entry.userAgent}`} py={4}>
            <Group gap="xs" wrap="wrap">
              <Code>{entry.address}</Code>
              <Text span size="sm" title={entry.userAgent ?? undefined}>
                {describeUserAgent(entry.userAgent)}
              </Text>
              <Text span size="sm" c="dimmed">
                <RelativeTime date={entry.lastUsedAt} />
              </Text>
            </Group>
          </Box>
        ))}
      </Box>
    </Stack>
  );
}
