import { ContrastBadge } from "@homebase/ui";
import { Group, Progress, Stack, Text, Tooltip } from "@mantine/core";
import { exactBytes, LEVEL_COLORS, LEVEL_LABELS, percentLabel, type StorageUsage, usageSentence } from "./model";

/** "X GB of 100 GB used (N %)", a bar coloured by level, and the level in words. */
export function UsageBar({ usage }: { usage: StorageUsage }) {
  const color = LEVEL_COLORS[usage.level];
  const exact = `${exactBytes(usage.usedBytes)} of ${exactBytes(usage.quotaBytes)}`;
  return (
    <Stack gap={8}>
      <Group justify="space-between" align="baseline" gap="xs" wrap="wrap">
        <Tooltip
          label={exact}
          events={{ hover: true, focus: true, touch: true }}
          position="bottom-start"
          // In the content column (not a portal), so it stays inside the page's landmarks.
          withinPortal={false}
        >
          <Text component="span" fw={600} size="lg" tabIndex={0} data-testid="storage-usage" data-level={usage.level}>
            {usageSentence(usage)}
          </Text>
        </Tooltip>
        <ContrastBadge color={color}>{LEVEL_LABELS[usage.level]}</ContrastBadge>
      </Group>
      <Progress
        value={Math.min(100, Math.max(usage.usedFraction * 100, usage.usedBytes > 0 ? 0.5 : 0))}
        color={color}
        size="lg"
        radius="xl"
        aria-label={`Storage used: ${percentLabel(usage.usedFraction)} (${exact})`}
        data-level={usage.level}
        title={exact}
        transitionDuration={300}
      />
    </Stack>
  );
}
