import { ContrastBadge, formatBytes, RelativeTime, SettingsCard } from "@homebase/ui";
import { Box, Code, Group, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import type { ReactNode } from "react";
import type { AlertLevel, RunAlert, RunAlertKind, RunDetail, RunFile } from "./run-api";

const KIND_LABELS: Partial<Record<RunAlertKind, string>> = {
  run_finished: "Run finished",
  run_crashed: "Run crashed",
  scriptable: "run.alert()",
};

const LEVEL_STYLE: Record<AlertLevel, { label: string; color: string } | undefined> = {
  INFO: { label: "Info", color: "blue" },
  WARN: { label: "Warning", color: "orange" },
  ERROR: { label: "Error", color: "red" },
};

/** Below this width the alerts are a list: five columns do not fit a phone. */
const ALERTS_TABLE_MIN_WIDTH = 560;

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/** A summary value as text: strings and numbers as they are, anything nested as JSON. */
export function summaryValue(value: unknown): { text: string; json: boolean } {
  if (typeof value === "string") return { text: value, json: false };
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return { text: String(value), json: false };
  }
  if (value === null || value === undefined) return { text: "null", json: false };
  try {
    return { text: JSON.stringify(value, null, 2), json: true };
  } catch {
    return { text: String(value), json: false };
  }
}

/** Metrics first in key order, then W&B's own `_step`, `_runtime`, `_wandb`…, as W&B lists them. */
function summaryEntries(summary: Record<string, unknown>): [string, unknown][] {
  const internal = (key: string) => (key.startsWith("_") ? 1 : 0);
  return Object.entries(summary).sort(([a], [b]) => internal(a) - internal(b) || a.localeCompare(b));
}

export function SummaryTable({ run }: { run: RunDetail }) {
  const entries = summaryEntries(run.summary);
  return (
    <SettingsCard title="Summary metrics" description="The latest value of each metric the run logged.">
      {entries.length === 0 ? (
        <Empty>{run.state === "running" ? "No metrics logged yet." : "The run logged no metrics."}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={320} type="native">
          <Table verticalSpacing="xs" horizontalSpacing="sm" striped>
            <VisuallyHidden component="caption">Summary metrics of {run.displayName}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Key</Table.Th>
                <Table.Th scope="col">Value</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map(([key, value]) => {
                const shown = summaryValue(value);
                return (
                  <Table.Tr key={key}>
                    <Table.Th scope="row" fw={500} style={{ overflowWrap: "anywhere", verticalAlign: "top" }}>
                      {key}
                    </Table.Th>
                    <Table.Td style={{ overflowWrap: "anywhere" }}>
                      {shown.json ? (
                        <Code block fz="xs" style={{ whiteSpace: "pre-wrap" }}>
                          {shown.text}
                        </Code>
                      ) : (
                        <Text span size="sm" ff="monospace">
                          {shown.text}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SettingsCard>
  );
}

function alertBadges(alert: RunAlert) {
  const level = LEVEL_STYLE[alert.level] ?? { label: alert.level, color: "gray" };
  return {
    level: <ContrastBadge color={level.color}>{level.label}</ContrastBadge>,
    status:
      alert.status === "throttled" ? (
        <ContrastBadge color="gray">Throttled</ContrastBadge>
      ) : (
        <ContrastBadge color="teal">Queued</ContrastBadge>
      ),
  };
}

function AlertRows({ alerts, caption }: { alerts: RunAlert[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={ALERTS_TABLE_MIN_WIDTH} type="native">
      <Table verticalSpacing="xs" horizontalSpacing="sm">
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Title</Table.Th>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Level</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Time</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((alert) => {
            const badges = alertBadges(alert);
            return (
              <Table.Tr key={alert.id}>
                <Table.Td style={{ overflowWrap: "anywhere" }}>{alert.title}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{KIND_LABELS[alert.kind] ?? alert.kind}</Table.Td>
                <Table.Td>{badges.level}</Table.Td>
                <Table.Td>{badges.status}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <RelativeTime date={alert.createdAt} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Phones: one block per alert. */
function AlertList({ alerts, caption }: { alerts: RunAlert[]; caption: string }) {
  return (
    <Box component="ul" aria-label={caption} m={0} p={0} style={{ listStyle: "none" }}>
      {alerts.map((alert, index) => {
        const badges = alertBadges(alert);
        return (
          <Box
            key={alert.id}
            component="li"
            py="sm"
            style={index === 0 ? undefined : { borderTop: "1px solid var(--mantine-color-default-border)" }}
          >
            <Stack gap={6}>
              <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                {alert.title}
              </Text>
              <Group gap={6}>
                {badges.level}
                {badges.status}
              </Group>
              <Text size="sm" c="dimmed">
                {KIND_LABELS[alert.kind] ?? alert.kind} · <RelativeTime date={alert.createdAt} />
              </Text>
            </Stack>
          </Box>
        );
      })}
    </Box>
  );
}

export function AlertsTable({ run }: { run: RunDetail }) {
  const { ref, width } = useElementSize();
  const narrow = width > 0 && width < ALERTS_TABLE_MIN_WIDTH;
  const caption = `Alerts sent for ${run.displayName}, newest first`;
  const alerts = [...run.alerts].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <SettingsCard
      title="Alerts"
      description="Sent through your enabled alert channels. A throttled alert repeated a title inside its wait duration and went nowhere."
    >
      <div ref={ref}>
        {alerts.length === 0 ? (
          <Empty>No alerts</Empty>
        ) : narrow ? (
          <AlertList alerts={alerts} caption={caption} />
        ) : (
          <AlertRows alerts={alerts} caption={caption} />
        )}
      </div>
    </SettingsCard>
  );
}

function totalSize(files: RunFile[]) {
  return files.reduce((sum, file) => sum + file.size, 0);
}

export function FilesTable({ run }: { run: RunDetail }) {
  const files = [...run.files].sort((a, b) => a.path.localeCompare(b.path));
  const count = files.length === 1 ? "1 file" : `${files.length} files`;
  return (
    <SettingsCard
      title="Files"
      description={
        files.length === 0
          ? "Files the run saves (run.save, logs, config) count toward the entity's storage."
          : `${count}, ${formatBytes(totalSize(files))} in all. They count toward ${run.entity}'s storage.`
      }
    >
      {files.length === 0 ? (
        <Empty>No files uploaded yet</Empty>
      ) : (
        <Table.ScrollContainer minWidth={320} type="native">
          <Table verticalSpacing="xs" horizontalSpacing="sm">
            <VisuallyHidden component="caption">Files of {run.displayName}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Path</Table.Th>
                <Table.Th scope="col" ta="right">
                  Size
                </Table.Th>
                <Table.Th scope="col">Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {files.map((file) => (
                <Table.Tr key={file.path}>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>
                    <Text span size="sm" ff="monospace" title={`SHA-256 ${file.digest}`}>
                      {file.path}
                    </Text>
                  </Table.Td>
                  <Table.Td
                    ta="right"
                    style={{ whiteSpace: "nowrap" }}
                    title={`${file.size.toLocaleString("en-US")} bytes`}
                  >
                    {formatBytes(file.size)}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <RelativeTime date={file.updatedAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SettingsCard>
  );
}
