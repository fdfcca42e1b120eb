import { errorMessage } from "@homebase/settings-kit";
import { ErrorFallback } from "@homebase/ui";
import { Button, Card, CloseButton, EmptyState, Group, Loader, Stack, TextInput, VisuallyHidden } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { type ApiKey, apiKeysQueryKey, rotateApiKey, useApiKeys } from "./api";
import { CreateKeyDialog } from "./create-key-dialog";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { NoKeysYet, StoreKeysSecurely, UsageExamples, UseWithWandb } from "./help";
import { KeysTable, KeysTableSkeleton } from "./keys-table";
import {
  EMPTY_FILTER_TEXT,
  filterKeys,
  KEY_SORTS,
  type KeyFilter,
  KeyListControls,
  type KeySort,
  RotateKeyDialog,
  sortKeys,
} from "./lifecycle";

const FILTER_DEBOUNCE_MS = 250;

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
  const shown = items ? sortKeys(filterKeys(items, filter, now), sort, now) : [];
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
        <EmptyState title="No keys to show" description={EMPTY_FILTER_TEXT[filter]}>
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
          <KeyListControls
            keys={items ?? []}
            filter={filter}
            onFilterChange={setFilter}
            sort={sort}
            onSortChange={setSort}
            now={now}
          />
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
