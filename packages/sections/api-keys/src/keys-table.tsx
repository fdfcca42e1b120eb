import { RelativeTime } from "@homebase/ui";
import { Box, Button, Card, Code, Group, Skeleton, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import type { ApiKey } from "./api";

const MIN_WIDTH = 560;

function Head() {
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th scope="col">Key ID</Table.Th>
        <Table.Th scope="col">Name</Table.Th>
        <Table.Th scope="col">Created</Table.Th>
        <Table.Th scope="col">Last used</Table.Th>
        <Table.Th scope="col">
          <VisuallyHidden>Actions</VisuallyHidden>
        </Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}

function LastUsed({ at }: { at: string | null }) {
  return at ? (
    <RelativeTime date={at} />
  ) : (
    <Text span size="sm" c="dimmed">
      Never
    </Text>
  );
}

function DeleteButton({ apiKey, onDelete }: { apiKey: ApiKey; onDelete: (key: ApiKey) => void }) {
  return (
    <Button
      size="xs"
      variant="subtle"
      color="red"
      onClick={() => onDelete(apiKey)}
      aria-label={`Delete key “${apiKey.name}” (${apiKey.id})`}
      style={{ flexShrink: 0 }}
    >
      Delete
    </Button>
  );
}

interface KeysProps {
  items: ApiKey[];
  onDelete: (key: ApiKey) => void;
}

/** Narrow column (phones): one block per key instead of a table that scrolls sideways. */
function KeysList({ items, onDelete }: KeysProps) {
  return (
    <Box component="ul" aria-label="Your API keys, newest first" m={0} p={0} style={{ listStyle: "none" }}>
      {items.map((key, index) => (
        <Box
          key={key.id}
          component="li"
          p="md"
          style={index === 0 ? undefined : { borderTop: "1px solid var(--mantine-color-default-border)" }}
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Text fw={600} size="sm" style={{ overflowWrap: "anywhere" }}>
                {key.name}
              </Text>
              <Text size="sm">
                Key ID <Code>{key.id}</Code>
              </Text>
              <Text size="sm" c="dimmed">
                Created <RelativeTime date={key.createdAt} /> · Last used <LastUsed at={key.lastUsedAt} />
              </Text>
            </Stack>
            <DeleteButton apiKey={key} onDelete={onDelete} />
          </Group>
        </Box>
      ))}
    </Box>
  );
}

/**
 * Key ID, name, created, last used ("Never"), and a Delete button per row.
 * Where the column is too narrow for the table, the keys are a list instead.
 */
export function KeysTable({ items, onDelete }: KeysProps) {
  const { ref, width } = useElementSize();
  const narrow = width > 0 && width < MIN_WIDTH;
  return (
    <Card withBorder padding={0} ref={ref}>
      {narrow ? <KeysList items={items} onDelete={onDelete} /> : <KeyRows items={items} onDelete={onDelete} />}
    </Card>
  );
}

function KeyRows({ items, onDelete }: KeysProps) {
  return (
    <Table.ScrollContainer minWidth={MIN_WIDTH} type="native">
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
        <VisuallyHidden component="caption">Your API keys, newest first</VisuallyHidden>
        <Head />
        <Table.Tbody>
          {items.map((key) => (
            <Table.Tr key={key.id}>
              <Table.Td>
                <Code>{key.id}</Code>
              </Table.Td>
              <Table.Td style={{ wordBreak: "break-word" }}>{key.name}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <RelativeTime date={key.createdAt} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <LastUsed at={key.lastUsedAt} />
              </Table.Td>
              <Table.Td ta="right">
                <DeleteButton apiKey={key} onDelete={onDelete} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function KeysTableSkeleton() {
  return (
    <Card withBorder padding={0} aria-busy="true">
      <VisuallyHidden role="status">Loading API keys…</VisuallyHidden>
      <Table.ScrollContainer minWidth={MIN_WIDTH} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-hidden>
          <Head />
          <Table.Tbody>
            {[0, 1, 2].map((row) => (
              <Table.Tr key={row}>
                {[110, 140, 80, 80, 50].map((width, cell) => (
                  <Table.Td key={cell}>
                    <Skeleton height={12} width={width} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
