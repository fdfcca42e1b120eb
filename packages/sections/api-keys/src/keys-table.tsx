import { LazyMenu, RelativeTime } from "@homebase/ui";
import { ActionIcon, Box, Card, Code, Group, Skeleton, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import { IconChevronRight, IconDots } from "@tabler/icons-react";
import { Fragment, useId, useState } from "react";
import type { ApiKey } from "./api";
import { canRotate, isLive, KeyExpiry, RecentAddresses, ScopeBadge } from "./lifecycle";

const MIN_WIDTH = 640;
const COLUMNS = 7;

function Head() {
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th scope="col" w={44}>
          <VisuallyHidden>Details</VisuallyHidden>
        </Table.Th>
        <Table.Th scope="col">Name and key ID</Table.Th>
        <Table.Th scope="col">Scope</Table.Th>
        <Table.Th scope="col">Created</Table.Th>
        <Table.Th scope="col">Last used</Table.Th>
        <Table.Th scope="col">Expires</Table.Th>
        <Table.Th scope="col" w={52}>
          <VisuallyHidden>Actions</VisuallyHidden>
        </Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}

function LastUsed({ at }: { at: string | null }) {
  return at ? <RelativeTime date={at} /> : <span>Never</span>;
}

/** Expands a key's row to show where it was used. */
function DisclosureButton({
  apiKey,
  open,
  controls,
  onToggle,
}: {
  apiKey: ApiKey;
  open: boolean;
  controls: string;
  onToggle: () => void;
}) {
  return (
    <ActionIcon
      variant="subtle"
      color="gray"
      c="var(--mantine-color-text)"
      aria-expanded={open}
      aria-controls={controls}
      aria-label={`Where “${apiKey.name}” (${apiKey.id}) was used`}
      onClick={onToggle}
    >
      <IconChevronRight
        size={16}
        aria-hidden="true"
        style={{ transform: open ? "rotate(90deg)" : undefined, transition: "transform 120ms" }}
      />
    </ActionIcon>
  );
}

/**
 * Rotate (live and expired keys) and Delete. The menu's code (Menu, Popover, Floating UI) loads
 * when the pointer or the focus reaches a row's button, not with the page (`LazyMenu`).
 */
function KeyActions({ apiKey, now, onDelete, onRotate }: { apiKey: ApiKey; now: number } & Actions) {
  return (
    <LazyMenu
      position="bottom-end"
      withinPortal
      target={
        <ActionIcon
          variant="subtle"
          color="gray"
          c="var(--mantine-color-text)"
          aria-label={`Actions for key “${apiKey.name}” (${apiKey.id})`}
        >
          <IconDots size={18} aria-hidden="true" />
        </ActionIcon>
      }
    >
      {(Menu) => (
        <Menu.Dropdown>
          {canRotate(apiKey, now) && <Menu.Item onClick={() => onRotate(apiKey)}>Rotate key</Menu.Item>}
          <Menu.Item color="red" onClick={() => onDelete(apiKey)}>
            Delete key
          </Menu.Item>
        </Menu.Dropdown>
      )}
    </LazyMenu>
  );
}

interface Actions {
  onDelete: (key: ApiKey) => void;
  onRotate: (key: ApiKey) => void;
}

interface KeysProps extends Actions {
  items: ApiKey[];
  /** Read out as the table's caption, e.g. "Your API keys, newest first". */
  caption: string;
}

/** Keys that no longer work are kept, in the dimmed text colour, until deleted. */
const dimmed = (key: ApiKey, now: number) => (isLive(key, now) ? undefined : "var(--mantine-color-dimmed)");

function useExpanded() {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  return {
    isOpen: (id: string) => open.has(id),
    toggle: (id: string) =>
      setOpen((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
  };
}

/** Narrow column (phones): one block per key instead of a table that scrolls sideways. */
function KeysList({ items, caption, onDelete, onRotate }: KeysProps) {
  const now = Date.now();
  const expanded = useExpanded();
  const base = useId();
  return (
    <Box component="ul" aria-label={caption} m={0} p={0} style={{ listStyle: "none" }}>
      {items.map((key, index) => {
        const detailsId = `${base}-${key.id}`;
        const open = expanded.isOpen(key.id);
        return (
          <Box
            key={key.id}
            component="li"
            p="md"
            c={dimmed(key, now)}
            style={index === 0 ? undefined : { borderTop: "1px solid var(--mantine-color-default-border)" }}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Stack gap={4} style={{ minWidth: 0 }}>
                <Group gap="xs" wrap="wrap">
                  <Text fw={600} size="sm" style={{ overflowWrap: "anywhere" }}>
                    {key.name}
                  </Text>
                  <ScopeBadge scope={key.scope} />
                </Group>
                <Text size="sm">
                  Key ID <Code>{key.id}</Code>
                </Text>
                <Text size="sm">
                  <KeyExpiry apiKey={key} now={now} prefix />
                </Text>
                <Text size="sm" c={dimmed(key, now) ?? "dimmed"}>
                  Created <RelativeTime date={key.createdAt} /> · Last used <LastUsed at={key.lastUsedAt} />
                </Text>
              </Stack>
              <Group gap={4} wrap="nowrap">
                <DisclosureButton
                  apiKey={key}
                  open={open}
                  controls={detailsId}
                  onToggle={() => expanded.toggle(key.id)}
                />
                <KeyActions apiKey={key} now={now} onDelete={onDelete} onRotate={onRotate} />
              </Group>
            </Group>
            {open && (
              <Box id={detailsId} mt="sm">
                <RecentAddresses apiKey={key} />
              </Box>
            )}
          </Box>
        );
      })}
    </Box>
  );
}

/**
 * Name and key ID, scope, created, last used ("Never"), expiry or why the key stopped working,
 * and a menu (Rotate, Delete) per row; each row expands to show where the key was used. Where
 * the column is too narrow for the table, the keys are a list instead.
 */
export function KeysTable(props: KeysProps) {
  const { ref, width } = useElementSize();
  const narrow = width > 0 && width < MIN_WIDTH;
  return (
    <Card withBorder padding={0} ref={ref}>
      {narrow ? <KeysList {...props} /> : <KeyRows {...props} />}
    </Card>
  );
}

function KeyRows({ items, caption, onDelete, onRotate }: KeysProps) {
  const now = Date.now();
  const expanded = useExpanded();
  const base = useId();
  return (
    <Table.ScrollContainer minWidth={MIN_WIDTH} type="native">
      <Table verticalSpacing="sm" horizontalSpacing="sm">
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Head />
        <Table.Tbody>
          {items.map((key) => {
            const detailsId = `${base}-${key.id}`;
            const open = expanded.isOpen(key.id);
            const color = dimmed(key, now);
            return (
              <Fragment key={key.id}>
                <Table.Tr c={color} style={open ? { borderBottom: 0 } : undefined}>
                  <Table.Td>
                    <DisclosureButton
                      apiKey={key}
                      open={open}
                      controls={detailsId}
                      onToggle={() => expanded.toggle(key.id)}
                    />
                  </Table.Td>
                  <Table.Td style={{ wordBreak: "break-word" }}>
                    <Text span size="sm" fw={500} display="block">
                      {key.name}
                    </Text>
                    <Code>{key.id}</Code>
                  </Table.Td>
                  <Table.Td>
                    <ScopeBadge scope={key.scope} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <RelativeTime date={key.createdAt} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <LastUsed at={key.lastUsedAt} />
                  </Table.Td>
                  <Table.Td>
                    <KeyExpiry apiKey={key} now={now} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <KeyActions apiKey={key} now={now} onDelete={onDelete} onRotate={onRotate} />
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr id={detailsId} c={color}>
                    <Table.Td />
                    <Table.Td colSpan={COLUMNS - 1} pt={0}>
                      <RecentAddresses apiKey={key} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
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
        <Table verticalSpacing="sm" horizontalSpacing="sm" aria-hidden>
          <Head />
          <Table.Tbody>
            {[0, 1, 2].map((row) => (
              <Table.Tr key={row}>
                {[20, 140, 60, 70, 70, 70, 24].map((width, cell) => (
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
