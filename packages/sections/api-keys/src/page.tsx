import { errorMessage } from "@homebase/settings-kit";
import { ErrorFallback } from "@homebase/ui";
import {
  Button,
  Card,
  CloseButton,
  EmptyState,
  Group,
  Loader,
  NativeSelect,
  Stack,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { type ApiKey, apiKeysQueryKey, rotateApiKey, useApiKeys } from "./api";
import { CreateKeyDialog } from "./create-key-dialog";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { NoKeysYet, StoreKeysSecurely, UsageExamples, UseWithWandb } from "./help";
import { KeysTable, KeysTableSkeleton } from "./keys-table";
import {
  filterCounts,
  filterKeys,
  KEY_FILTERS,
  KEY_SORTS,
  type KeyFilter,
  type KeySort,
  RotateKeyDialog,
  sortKeys,
} from "./lifecycle";

const FILTER_DEBOUNCE_MS = 250;

const EMPTY_FILTER: Record<Exclude<KeyFilter, "all">, string> = {
  active: "No key works at the moment: every key has expired or been revoked.",
  expiring: "No key expires in the next 7 days.",
  inactive: "No key has expired or been revoked.",
};

/** Personal API keys: list, search, filter and sort, create (shown once), rotate and delete. */
export default function ApiKeysPage() {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), FILTER_DEBOUNCE_MS);
  const keys = useApiKeys(q);
  const [filter, setFilter] = useState<KeyFilter>("all");
  const [sort, setSort] = useState<KeySort>("created");
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ApiKey | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);

  const createButton = <Button onClick={() => setCreating(true)}>Create new API key</Button>;
  const items = keys.data?.items;
  // No keys at all (not just none matching): explain keys instead of showing an empty table.
  const noKeysAtAll = items !== undefined && items.length === 0 && q === "" && search.trim() === "";
  const searching = keys.isFetching && keys.isPlaceholderData;
  const now = Date.now();
  const counts = filterCounts(items ?? [], now);
  const shown = items ? sortKeys(filterKeys(items, filter, now), sort) : [];
  const sortCaption = KEY_SORTS.find((s) => s.value === sort)?.caption ?? "";

  let content: ReactNode;
  if (keys.isPending) content = <KeysTableSkeleton />;
  else if (keys.isError) {
    content = (
      <ErrorFallback
        title="Could not load your API keys"
        error={errorMessage(keys.error)}
        onRetry={() => void keys.refetch()}
      />
    );
  } else if (shown.length > 0) {
    content = (
      <KeysTable
        items={shown}
        caption={`Your API keys, ${sortCaption}`}
        onDelete={setDeleting}
        onRotate={setRotating}
      />
    );
  } else if (items && items.length > 0 && filter !== "all") {
    content = (
      <Card withBorder padding="xl">
        <EmptyState title="No keys to show" description={EMPTY_FILTER[filter]}>
          <EmptyState.Actions>
            <Button variant="default" onClick={() => setFilter("all")}>
              Show all keys
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Card>
    );
  } else if (!noKeysAtAll) {
    content = (
      <Card withBorder padding="xl">
        <EmptyState title="No matching keys" description={`No key has “${q}” in its name or ID.`} />
      </Card>
    );
  }

  return (
    <Stack gap="lg">
      {noKeysAtAll ? (
        <NoKeysYet action={createButton} />
      ) : (
        <Stack gap="sm">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              aria-label="Filter keys by name or key ID"
              placeholder="Filter by name or key ID"
              type="search"
              maxLength={64}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === "Escape") setSearch("");
              }}
              rightSection={
                searching ? (
                  <Loader size="xs" aria-hidden />
                ) : search ? (
                  <CloseButton size="sm" aria-label="Clear filter" onClick={() => setSearch("")} />
                ) : null
              }
              style={{ flex: "1 1 220px" }}
            />
            {createButton}
          </Group>
          <Group gap="sm" wrap="wrap">
            <NativeSelect
              label="Show"
              data={KEY_FILTERS.map((f) => ({ value: f.value, label: `${f.label} (${counts[f.value]})` }))}
              value={filter}
              onChange={(event) => setFilter(event.currentTarget.value as KeyFilter)}
              style={{ flex: "1 1 180px", maxWidth: 260 }}
            />
            <NativeSelect
              label="Sort by"
              data={KEY_SORTS.map((s) => ({ value: s.value, label: s.label }))}
              value={sort}
              onChange={(event) => setSort(event.currentTarget.value as KeySort)}
              style={{ flex: "1 1 160px", maxWidth: 220 }}
            />
          </Group>
        </Stack>
      )}
      {content}
      <VisuallyHidden role="status">
        {items && q !== "" ? `${items.length === 1 ? "1 key matches" : `${items.length} keys match`} “${q}”` : ""}
      </VisuallyHidden>
      {!noKeysAtAll && <UseWithWandb />}
      <StoreKeysSecurely />
      <CreateKeyDialog opened={creating} onClose={() => setCreating(false)} />
      <DeleteKeyDialog apiKey={deleting} onClose={() => setDeleting(null)} />
      <RotateKeyDialog
        apiKey={rotating}
        onClose={() => setRotating(null)}
        rotate={rotateApiKey}
        onRotated={() => void queryClient.invalidateQueries({ queryKey: apiKeysQueryKey })}
        fieldTestId="new-api-key"
        details={(created) => <UsageExamples apiKey={created.key} />}
      />
    </Stack>
  );
}
