import { errorMessage } from "@homebase/settings-kit";
import { ContrastBadge, ErrorFallback, RelativeTime, SettingsCard } from "@homebase/ui";
import { Box, EmptyState, Group, Skeleton, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useDeliveryLog } from "./api";
import {
  CHANNEL_LABELS,
  type Delivery,
  deliveryErrorText,
  deliveryPhase,
  KIND_LABELS,
  PHASE_COLORS,
  PHASE_LABELS,
} from "./model";

const TABLE_MIN_WIDTH = 600;

/** Never shrinks: on a phone the title wraps instead, and the badge stays whole. */
function StatusBadge({ delivery }: { delivery: Delivery }) {
  const phase = deliveryPhase(delivery);
  return (
    <ContrastBadge color={PHASE_COLORS[phase]} size="sm" style={{ flexShrink: 0, overflow: "visible" }}>
      {PHASE_LABELS[phase]}
    </ContrastBadge>
  );
}

function channelLabel(delivery: Delivery) {
  return delivery.channel ? CHANNEL_LABELS[delivery.channel] : "Not sent";
}

/** The worker's explanation of the last failure (what went wrong, what to check) and where the delivery stands. */
function ErrorText({ delivery, maxAttempts }: { delivery: Delivery; maxAttempts: number | undefined }) {
  const text = deliveryErrorText(delivery, maxAttempts);
  if (!text) return null;
  return (
    <Text
      size="xs"
      style={{
        overflowWrap: "anywhere",
        color: "light-dark(var(--mantine-color-red-9), var(--mantine-color-red-4))",
      }}
    >
      {text}
    </Text>
  );
}

interface LogProps {
  items: Delivery[];
  maxAttempts: number | undefined;
}

function LogTable({ items, maxAttempts }: LogProps) {
  return (
    <Table verticalSpacing="xs" horizontalSpacing="sm" fz="sm">
      <VisuallyHidden component="caption">The last 100 deliveries, newest first</VisuallyHidden>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Time</Table.Th>
          <Table.Th scope="col">Event</Table.Th>
          <Table.Th scope="col">Title</Table.Th>
          <Table.Th scope="col">Channel</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
          <Table.Th scope="col" ta="right">
            Attempts
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((d) => (
          <Table.Tr key={`${d.status === "throttled" ? "n" : "d"}-${d.id}`}>
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              <RelativeTime date={d.createdAt} />
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{KIND_LABELS[d.kind]}</Table.Td>
            <Table.Td style={{ overflowWrap: "anywhere" }}>
              {d.title}
              <ErrorText delivery={d} maxAttempts={maxAttempts} />
            </Table.Td>
            <Table.Td>{channelLabel(d)}</Table.Td>
            <Table.Td>
              <StatusBadge delivery={d} />
            </Table.Td>
            <Table.Td ta="right">{d.attempts}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function LogList({ items, maxAttempts }: LogProps) {
  return (
    <Box component="ul" aria-label="The last 100 deliveries, newest first" m={0} p={0} style={{ listStyle: "none" }}>
      {items.map((d, index) => (
        <Box
          key={`${d.status === "throttled" ? "n" : "d"}-${d.id}`}
          component="li"
          py="sm"
          style={index === 0 ? undefined : { borderTop: "1px solid var(--mantine-color-default-border)" }}
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Text size="sm" fw={600} style={{ overflowWrap: "anywhere", minWidth: 0, flex: 1 }}>
              {d.title}
            </Text>
            <StatusBadge delivery={d} />
          </Group>
          <Text size="xs" c="dimmed">
            {KIND_LABELS[d.kind]} · {channelLabel(d)} · <RelativeTime date={d.createdAt} /> ·{" "}
            {d.attempts === 1 ? "1 attempt" : `${d.attempts} attempts`}
          </Text>
          <ErrorText delivery={d} maxAttempts={maxAttempts} />
        </Box>
      ))}
    </Box>
  );
}

/** The last 100 deliveries; refreshes every 2 s while any is pending. */
export function DeliveryLog() {
  const log = useDeliveryLog();
  const { ref, width } = useElementSize();
  const narrow = width > 0 && width < TABLE_MIN_WIDTH;
  const items = log.data?.items;
  const pending = items?.filter((d) => d.status === "pending").length ?? 0;

  let body: ReactNode;
  if (log.isPending) {
    body = (
      <Stack gap="sm" aria-busy="true">
        <VisuallyHidden role="status">Loading the delivery log…</VisuallyHidden>
        {[0, 1, 2].map((row) => (
          <Skeleton key={row} height={18} />
        ))}
      </Stack>
    );
  } else if (log.isError) {
    body = (
      <ErrorFallback
        title="Could not load the delivery log"
        error={errorMessage(log.error)}
        onRetry={() => void log.refetch()}
      />
    );
  } else if (!items || items.length === 0) {
    body = (
      <EmptyState
        size="sm"
        title="Nothing sent yet"
        description="When an alert fires, each e-mail and Slack message shows up here with its status."
      />
    );
  } else {
    const maxAttempts = log.data?.maxAttempts;
    body = narrow ? (
      <LogList items={items} maxAttempts={maxAttempts} />
    ) : (
      <LogTable items={items} maxAttempts={maxAttempts} />
    );
  }

  return (
    <SettingsCard
      title="Delivery log"
      description="The last 100 alerts sent to you, newest first. Throttled alerts repeated a title too soon and were sent nowhere."
    >
      <div ref={ref}>{body}</div>
      <VisuallyHidden role="status">
        {pending > 0 ? `${pending} ${pending === 1 ? "delivery is" : "deliveries are"} pending` : ""}
      </VisuallyHidden>
    </SettingsCard>
  );
}
