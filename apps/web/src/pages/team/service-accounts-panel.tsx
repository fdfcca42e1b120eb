import {
  canRotate,
  EMPTY_FILTER_TEXT,
  filterKeys,
  isLive,
  KeyExpiry,
  type KeyFilter,
  KeyListControls,
  type KeySort,
  RecentAddresses,
  RotateKeyDialog,
  ScopeBadge,
  sortKeys,
} from "@homebase/section-api-keys/lifecycle";
import { errorMessage } from "@homebase/settings-kit";
import { ErrorFallback, LazyMenu, notifySuccess, RelativeTime, SettingsCard } from "@homebase/ui";
import { ActionIcon, Box, Card, Code, EmptyState, Group, Skeleton, Stack, Text } from "@mantine/core";
import { IconChevronRight, IconDots, IconRotateClockwise, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { CreateKeyDialog, rotateServiceAccountKey, ServiceAccountKeyDetails } from "./api-key-dialog";
import { ConfirmDialog } from "./confirm-dialog";
import { DeleteServiceAccountDialog, RenameServiceAccountDialog } from "./service-account-dialogs";
import { ServiceAccountNameField, useServiceAccountName } from "./service-account-name";
import {
  createServiceAccount,
  deleteServiceAccountKey,
  type ServiceAccount,
  type ServiceAccountKey,
  teamKeys,
  useServiceAccounts,
} from "./team-api";

function CreateServiceAccountForm({ team }: { team: string }) {
  const queryClient = useQueryClient();
  const field = useServiceAccountName();
  const create = useMutation({
    mutationFn: (value: string) => createServiceAccount(team, value),
    onSuccess: async (account) => {
      field.reset("");
      notifySuccess(`Service account ${account.name} created. Create an API key for it from its “…” menu.`);
      await queryClient.invalidateQueries({ queryKey: teamKeys.serviceAccounts(team) });
    },
    onError: field.refused,
  });
  return (
    <SettingsCard
      title="Create a service account"
      description="A service account is a bot identity for CI jobs and automation. Its keys act for the team, not for a person, and keep working when people leave."
      onSave={() => {
        const value = field.take();
        if (value !== null) create.mutate(value);
      }}
      saveLabel="Create service account"
      saving={create.isPending}
    >
      <ServiceAccountNameField field={field} placeholder="ci-pipeline" />
    </SettingsCard>
  );
}

/** A key row's icon buttons other than Delete: grey, in the text colour (AA on both schemes). */
const QUIET_ICON = { variant: "subtle", color: "gray", c: "var(--mantine-color-text)", size: "lg" } as const;

interface KeyToDelete {
  account: ServiceAccount;
  key: ServiceAccountKey;
}

interface KeyActions {
  onDelete: (key: ServiceAccountKey) => void;
  onRotate: (key: ServiceAccountKey) => void;
}

/**
 * One key: name, ID, scope, created, last used, expiry or why it stopped working (such keys stay
 * listed, dimmed, until deleted); it expands to show where it was used.
 */
function KeyItem({ apiKey: key, now, onDelete, onRotate }: { apiKey: ServiceAccountKey; now: number } & KeyActions) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const live = isLive(key, now);
  return (
    <Box
      component="li"
      px="lg"
      py="sm"
      c={live ? undefined : "var(--mantine-color-dimmed)"}
      style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
    >
      <Group justify="space-between" wrap="nowrap" gap="md" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={500} style={{ overflowWrap: "anywhere" }}>
              {key.name}
            </Text>
            <Code aria-label={`Key ID ${key.id}`}>{key.id}</Code>
            <ScopeBadge scope={key.scope} />
          </Group>
          <Text size="sm" c={live ? "dimmed" : undefined}>
            <span>
              Created <RelativeTime date={key.createdAt} />
            </span>
            {" · "}
            <span>Last used: {key.lastUsedAt ? <RelativeTime date={key.lastUsedAt} /> : <span>Never</span>}</span>
            {" · "}
            <KeyExpiry apiKey={key} now={now} prefix />
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap">
          <ActionIcon
            {...QUIET_ICON}
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={`Where ${key.name} (${key.id}) was used`}
            onClick={() => setOpen((o) => !o)}
          >
            <IconChevronRight
              size={16}
              aria-hidden="true"
              style={{ transform: open ? "rotate(90deg)" : undefined, transition: "transform 120ms" }}
            />
          </ActionIcon>
          {canRotate(key, now) && (
            <ActionIcon
              {...QUIET_ICON}
              onClick={() => onRotate(key)}
              aria-label={`Rotate API key ${key.name} (${key.id})`}
              title="Rotate key"
            >
              <IconRotateClockwise size={16} aria-hidden="true" />
            </ActionIcon>
          )}
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            onClick={() => onDelete(key)}
            aria-label={`Delete API key ${key.name} (${key.id})`}
            title="Delete key"
          >
            <IconTrash size={16} aria-hidden="true" />
          </ActionIcon>
        </Group>
      </Group>
      {open && (
        <Box id={detailsId} mt="xs">
          <RecentAddresses apiKey={key} />
        </Box>
      )}
    </Box>
  );
}

interface KeyView {
  filter: KeyFilter;
  sort: KeySort;
  now: number;
}

function KeysTable({ account, view, ...actions }: { account: ServiceAccount; view: KeyView } & KeyActions) {
  if (account.apiKeys.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="lg" pb="md">
        No API keys yet. Use the “…” menu to create one.
      </Text>
    );
  }
  const { filter, sort, now } = view;
  const shown = sortKeys(filterKeys(account.apiKeys, filter, now), sort, now);
  if (filter !== "all" && shown.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="lg" pb="md">
        {EMPTY_FILTER_TEXT[filter]}
      </Text>
    );
  }
  return (
    <ul aria-label={`API keys of ${account.name}`} style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {shown.map((key) => (
        <KeyItem key={key.id} apiKey={key} now={now} {...actions} />
      ))}
    </ul>
  );
}

/** "1 key", "3 keys"; when some no longer work (expired or revoked), "3 keys, 1 working". */
function keyCountLabel(keys: readonly ServiceAccountKey[], now: number = Date.now()): string {
  const total = keys.length === 1 ? "1 key" : `${keys.length} keys`;
  const working = keys.filter((key) => isLive(key, now)).length;
  return working === keys.length ? total : `${total}, ${working} working`;
}

function ServiceAccountCard({
  account,
  onCreateKey,
  onDeleteKey,
  onRotateKey,
  onRename,
  onDelete,
  view,
}: {
  account: ServiceAccount;
  view: KeyView;
  onCreateKey: () => void;
  onDeleteKey: (key: ServiceAccountKey) => void;
  onRotateKey: (key: ServiceAccountKey) => void;
  onRename: () => void;
  onDelete: () => void;
}) {
  const headingId = `sa-${account.id}`;
  return (
    <Card padding={0} component="section" aria-labelledby={headingId}>
      <Group justify="space-between" wrap="nowrap" px="lg" py="md" gap="md">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} component="h2" fz="md" m={0} id={headingId} style={{ overflowWrap: "anywhere" }}>
            {account.name}
          </Text>
          <Text size="sm" c="dimmed">
            Created <RelativeTime date={account.createdAt} /> · {keyCountLabel(account.apiKeys, view.now)}
          </Text>
        </Stack>
        <LazyMenu
          position="bottom-end"
          withinPortal
          target={
            <ActionIcon variant="default" size="lg" aria-label={`Actions for ${account.name}`}>
              <IconDots size={18} aria-hidden="true" />
            </ActionIcon>
          }
        >
          {(Menu) => (
            <Menu.Dropdown>
              <Menu.Item onClick={onCreateKey}>Create API key</Menu.Item>
              <Menu.Item onClick={onRename}>Rename</Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={onDelete}>
                Delete
              </Menu.Item>
            </Menu.Dropdown>
          )}
        </LazyMenu>
      </Group>
      <KeysTable account={account} view={view} onDelete={onDeleteKey} onRotate={onRotateKey} />
    </Card>
  );
}

function DeleteKeyDialog({ team, target, onClose }: { team: string; target: KeyToDelete | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(target);
  if (target && target !== shown) setShown(target);
  const remove = useMutation({
    mutationFn: (t: KeyToDelete) => deleteServiceAccountKey(team, t.account.id, t.key.id),
    onSuccess: async (_, t) => {
      notifySuccess(`API key “${t.key.name}” was deleted.`);
      onClose();
      await queryClient.invalidateQueries({ queryKey: teamKeys.serviceAccounts(team) });
    },
  });
  return (
    <ConfirmDialog
      opened={target !== null}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      title="Delete API key"
      confirmLabel="Delete key"
      onConfirm={() => target && remove.mutate(target)}
      loading={remove.isPending}
      error={remove.isError ? errorMessage(remove.error) : null}
    >
      <Text size="sm">
        Delete the key <strong>“{shown?.key.name}”</strong> (<Code>{shown?.key.id}</Code>) of the service account{" "}
        <strong>{shown?.account.name}</strong>?
      </Text>
      <Text size="sm">Scripts and services using this key stop working at once. This cannot be undone.</Text>
    </ConfirmDialog>
  );
}

/** The team's service accounts and their API keys (team admins only). */
export function ServiceAccountsPanel({ team }: { team: string }) {
  const queryClient = useQueryClient();
  const accounts = useServiceAccounts(team, true);
  const [creatingFor, setCreatingFor] = useState<ServiceAccount | null>(null);
  const [deleting, setDeleting] = useState<KeyToDelete | null>(null);
  // Kept after closing, so the dialog's text stays while it fades out.
  const [rotating, setRotating] = useState<KeyToDelete | null>(null);
  const [rotateOpen, setRotateOpen] = useState(false);
  const [renamingAccount, setRenamingAccount] = useState<ServiceAccount | null>(null);
  const [deletingAccount, setDeletingAccount] = useState<ServiceAccount | null>(null);
  const [filter, setFilter] = useState<KeyFilter>("all");
  const [sort, setSort] = useState<KeySort>("created");
  const now = Date.now();
  const view: KeyView = { filter, sort, now };
  const allKeys = accounts.data?.flatMap((account) => account.apiKeys) ?? [];

  let list: ReactNode;
  if (accounts.isPending) {
    list = (
      <Card padding="lg" aria-busy="true">
        <Stack gap="sm">
          <Skeleton height={14} width="30%" />
          <Skeleton height={10} width="60%" />
        </Stack>
      </Card>
    );
  } else if (accounts.isError) {
    list = (
      <ErrorFallback
        title="Could not load service accounts"
        error={errorMessage(accounts.error)}
        onRetry={() => void accounts.refetch()}
      />
    );
  } else if (accounts.data.length === 0) {
    list = (
      <Card padding="xl">
        <EmptyState
          title="No service accounts yet"
          description="Create one for each pipeline or machine that talks to Homebase, then give it an API key."
        />
      </Card>
    );
  } else {
    list = accounts.data.map((account) => (
      <ServiceAccountCard
        key={account.id}
        account={account}
        view={view}
        onCreateKey={() => setCreatingFor(account)}
        onDeleteKey={(key) => setDeleting({ account, key })}
        onRotateKey={(key) => {
          setRotating({ account, key });
          setRotateOpen(true);
        }}
        onRename={() => setRenamingAccount(account)}
        onDelete={() => setDeletingAccount(account)}
      />
    ));
  }

  return (
    <Stack gap="lg">
      {allKeys.length > 0 && (
        <KeyListControls
          keys={allKeys}
          filter={filter}
          onFilterChange={setFilter}
          sort={sort}
          onSortChange={setSort}
          now={now}
        />
      )}
      {list}
      <CreateServiceAccountForm team={team} />
      <CreateKeyDialog team={team} account={creatingFor} onClose={() => setCreatingFor(null)} />
      <DeleteKeyDialog team={team} target={deleting} onClose={() => setDeleting(null)} />
      <RotateKeyDialog
        apiKey={rotateOpen && rotating ? rotating.key : null}
        onClose={() => setRotateOpen(false)}
        rotate={(key) => rotateServiceAccountKey(team, rotating?.account.id ?? "", key.id)}
        onRotated={() => void queryClient.invalidateQueries({ queryKey: teamKeys.serviceAccounts(team) })}
        owner={rotating ? `of the service account ${rotating.account.name}` : undefined}
        fieldTestId="created-api-key"
        details={(created) => (
          <ServiceAccountKeyDetails created={created} account={rotating?.account.name} team={team} />
        )}
      />
      <RenameServiceAccountDialog team={team} account={renamingAccount} onClose={() => setRenamingAccount(null)} />
      <DeleteServiceAccountDialog team={team} account={deletingAccount} onClose={() => setDeletingAccount(null)} />
    </Stack>
  );
}
