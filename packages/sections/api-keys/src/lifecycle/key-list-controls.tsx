import { Group, NativeSelect } from "@mantine/core";
import { filterCounts, KEY_FILTERS, KEY_SORTS, type KeyFilter, type KeySort, type LifecycleKey } from "./model";

/** What an empty filtered list says, per filter other than "All". */
export const EMPTY_FILTER_TEXT: Record<Exclude<KeyFilter, "all">, string> = {
  active: "No key works at the moment: every key has expired or been revoked.",
  expiring: "No key expires in the next 7 days.",
  inactive: "No key has expired or been revoked.",
};

export interface KeyListControlsProps {
  /** All the keys the filter applies to, for the counts in the "Show" choices. */
  keys: readonly LifecycleKey[];
  filter: KeyFilter;
  onFilterChange: (filter: KeyFilter) => void;
  sort: KeySort;
  onSortChange: (sort: KeySort) => void;
  now?: number;
}

/** "Show" (All / Active / Expiring soon / Expired or revoked, with counts) and "Sort by" for a key list. */
export function KeyListControls({ keys, filter, onFilterChange, sort, onSortChange, now }: KeyListControlsProps) {
  const counts = filterCounts(keys, now);
  return (
    <Group gap="sm" wrap="wrap">
      <NativeSelect
        label="Show"
        data={KEY_FILTERS.map((f) => ({ value: f.value, label: `${f.label} (${counts[f.value]})` }))}
        value={filter}
        onChange={(event) => onFilterChange(event.currentTarget.value as KeyFilter)}
        style={{ flex: "1 1 180px", maxWidth: 260 }}
      />
      <NativeSelect
        label="Sort by"
        data={KEY_SORTS.map((s) => ({ value: s.value, label: s.label }))}
        value={sort}
        onChange={(event) => onSortChange(event.currentTarget.value as KeySort)}
        style={{ flex: "1 1 160px", maxWidth: 220 }}
      />
    </Group>
  );
}
