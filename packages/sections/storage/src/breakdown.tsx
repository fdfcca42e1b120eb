import { formatBytes } from "@homebase/ui";
import { Box, Group, Progress, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import {
  exactBytes,
  KIND_LABELS,
  KINDS,
  percentLabel,
  type StorageKind,
  type StorageUsage,
  topProjects,
} from "./model";

const KIND_COLORS: Record<StorageKind, string> = {
  artifact: "blue",
  run_file: "violet",
  media: "cyan",
  other: "orange",
};

function Bytes({ bytes }: { bytes: number }) {
  return (
    <span title={exactBytes(bytes)} style={{ whiteSpace: "nowrap" }}>
      {formatBytes(bytes)}
    </span>
  );
}

/** Artifacts, run files, media and other: a stacked bar and the figures. */
export function KindBreakdown({ usage }: { usage: StorageUsage }) {
  const total = KINDS.reduce((sum, kind) => sum + usage.byKind[kind], 0);
  return (
    <Stack gap="xs">
      <Title order={3} fz="md">
        By kind
      </Title>
      {total === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing stored yet.
        </Text>
      ) : (
        <>
          <Progress.Root size="md" aria-hidden>
            {KINDS.filter((kind) => usage.byKind[kind] > 0).map((kind) => (
              <Progress.Section key={kind} value={(usage.byKind[kind] / total) * 100} color={KIND_COLORS[kind]} />
            ))}
          </Progress.Root>
          <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm">
            <VisuallyHidden component="caption">Storage by kind</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col" ta="right">
                  Size
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Share
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {KINDS.map((kind) => (
                <Table.Tr key={kind}>
                  <Table.Th scope="row" fw="normal">
                    <Group gap={8} wrap="nowrap">
                      <Box
                        w={10}
                        h={10}
                        style={{ borderRadius: 2, background: `var(--mantine-color-${KIND_COLORS[kind]}-filled)` }}
                        aria-hidden
                      />
                      {KIND_LABELS[kind]}
                    </Group>
                  </Table.Th>
                  <Table.Td ta="right">
                    <Bytes bytes={usage.byKind[kind]} />
                  </Table.Td>
                  <Table.Td ta="right">{percentLabel(usage.byKind[kind] / total)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

/** The ten projects that use the most. */
export function TopProjects({ usage }: { usage: StorageUsage }) {
  const projects = topProjects(usage.byProject);
  return (
    <Stack gap="xs">
      <Title order={3} fz="md">
        Top projects
      </Title>
      {projects.length === 0 ? (
        <Text size="sm" c="dimmed">
          No project stores anything yet.
        </Text>
      ) : (
        <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm">
          <VisuallyHidden component="caption">The ten projects that use the most storage</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Project</Table.Th>
              <Table.Th scope="col" ta="right">
                Size
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Of used
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {projects.map((p) => (
              <Table.Tr key={p.project}>
                <Table.Td style={{ overflowWrap: "anywhere" }}>{p.project}</Table.Td>
                <Table.Td ta="right">
                  <Bytes bytes={p.bytes} />
                </Table.Td>
                <Table.Td ta="right">{percentLabel(usage.usedBytes > 0 ? p.bytes / usage.usedBytes : 0)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
