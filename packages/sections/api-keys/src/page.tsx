import { errorMessage } from "@homebase/settings-kit";
import { ErrorFallback } from "@homebase/ui";
import { Button, Card, CloseButton, EmptyState, Group, Loader, Stack, TextInput, VisuallyHidden } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type ReactNode, useState } from "react";
import { type ApiKey, useApiKeys } from "./api";
import { CreateKeyDialog } from "./create-key-dialog";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { NoKeysYet, StoreKeysSecurely, UseWithWandb } from "./help";
import { KeysTable, KeysTableSkeleton } from "./keys-table";

const FILTER_DEBOUNCE_MS = 250;

/** Personal API keys: list, filter, create (shown once) and delete. */
export default function ApiKeysPage() {
  const [filter, setFilter] = useState("");
  const [q] = useDebouncedValue(filter.trim(), FILTER_DEBOUNCE_MS);
  const keys = useApiKeys(q);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ApiKey | null>(null);

  const createButton = <Button onClick={() => setCreating(true)}>Create new API key</Button>;
  const items = keys.data?.items;
  // No keys at all (not just none matching): explain keys instead of showing an empty table.
  const noKeysAtAll = items !== undefined && items.length === 0 && q === "" && filter.trim() === "";
  const filtering = keys.isFetching && keys.isPlaceholderData;

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
  } else if (items && items.length > 0) content = <KeysTable items={items} onDelete={setDeleting} />;
  else if (!noKeysAtAll) {
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
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            aria-label="Filter keys by name or key ID"
            placeholder="Filter by name or key ID"
            type="search"
            maxLength={64}
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") setFilter("");
            }}
            rightSection={
              filtering ? (
                <Loader size="xs" aria-hidden />
              ) : filter ? (
                <CloseButton size="sm" aria-label="Clear filter" onClick={() => setFilter("")} />
              ) : null
            }
            style={{ flex: "1 1 220px" }}
          />
          {createButton}
        </Group>
      )}
      {content}
      <VisuallyHidden role="status">
        {items && q !== "" ? `${items.length === 1 ? "1 key matches" : `${items.length} keys match`} “${q}”` : ""}
      </VisuallyHidden>
      {!noKeysAtAll && <UseWithWandb />}
      <StoreKeysSecurely />
      <CreateKeyDialog opened={creating} onClose={() => setCreating(false)} />
      <DeleteKeyDialog apiKey={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
