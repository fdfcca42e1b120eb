import { errorMessage } from "@homebase/settings-kit";
import { RelativeTime } from "@homebase/ui";
import { Alert, Button, Group, Progress, Stack, Text } from "@mantine/core";
import { useRecalculation } from "./api";

const STATE_TEXT: Record<string, string> = {
  starting: "Starting the recalculation…",
  waiting: "Waiting for a worker…",
  delayed: "Waiting for a worker…",
  active: "Recalculating…",
  completed: "Done. Loading the new figure…",
  unknown: "Recalculating…",
};

/** "Last calculated …", and "Recalculate now" with its progress until the new figure arrives. */
export function Recalculate({
  entity,
  computedAt,
  usageKey,
}: {
  entity: string;
  computedAt: string | null;
  usageKey: readonly unknown[];
}) {
  const { status, start } = useRecalculation(entity, usageKey);
  return (
    <Stack gap="xs">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <Text size="sm" c="dimmed">
            {computedAt ? (
              <>
                Last calculated <RelativeTime date={computedAt} />
              </>
            ) : (
              "Not calculated yet"
            )}
          </Text>
          <Text
            size="sm"
            fw={500}
            role="status"
            style={{ color: "light-dark(var(--mantine-color-teal-9), var(--mantine-color-teal-4))" }}
          >
            {status.finishedAt !== null && !status.running ? "✓ Recalculated" : ""}
          </Text>
        </Group>
        <Button variant="default" size="xs" onClick={start} disabled={status.running}>
          Recalculate now
        </Button>
      </Group>
      {status.running && (
        <Stack gap={4} role="status">
          <Text size="sm">
            {STATE_TEXT[status.state ?? "waiting"]}{" "}
            {status.state === "active" ? `${Math.round(status.progress)} %` : ""}
          </Text>
          <Progress
            value={status.state === "active" || status.state === "completed" ? Math.max(status.progress, 5) : 100}
            striped
            animated={status.state !== "completed"}
            size="sm"
            aria-label="Recalculation progress"
          />
        </Stack>
      )}
      {status.error && !status.running && (
        <Alert color="red" variant="light" role="alert" title="The recalculation did not finish">
          {errorMessage(status.error)} The figure above is the last one calculated; try again in a moment.
        </Alert>
      )}
    </Stack>
  );
}
