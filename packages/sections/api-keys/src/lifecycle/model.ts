/**
 * An API key's lifecycle as the tables show it: its state (active, expired, rotated, reported as
 * leaked), the expiry and status labels, the filters and sort orders, and the expiry choices of
 * the create dialogs. Pure functions of a key and `now`, shared by personal and service-account keys.
 */
import type { api, ResponseOf } from "@homebase/settings-kit";
import { formatRelativeTime } from "@homebase/ui";

/** A personal key as `GET /me/api-keys` lists it: where the scope and revocation reasons come from. */
type ListedKey = ResponseOf<(typeof api.api.v1.me)["api-keys"]["$get"]>["items"][number];
export type KeyScope = NonNullable<ListedKey["scope"]>;
export type RevokedReason = NonNullable<ListedKey["revokedReason"]>;

export type RecentAddress = ListedKey["recentAddresses"][number];

/**
 * The lifecycle fields of a key item (`GET /me/api-keys`, a service account's `apiKeys`): those
 * every key list has, and those a list may leave out.
 */
export type LifecycleKey = Pick<ListedKey, "id" | "name" | "createdAt" | "lastUsedAt"> &
  Partial<Pick<ListedKey, "scope" | "expiresAt" | "revokedAt" | "revokedReason" | "recentAddresses">>;

export const DAY_MS = 24 * 3600_000;
/** A key expiring within this many days is "expiring soon" (the owner's reminder comes then too). */
export const EXPIRING_SOON_DAYS = 7;

export type KeyState = "active" | "expired" | "rotated" | "leaked" | "revoked";

const time = (iso: string | null | undefined) => (iso ? new Date(iso).getTime() : null);

/** Whether the key still works at `now`, and if not, why. */
export function keyState(key: LifecycleKey, now: Date | number = Date.now()): KeyState {
  if (key.revokedReason) return key.revokedReason;
  if (key.revokedAt) return "revoked";
  const expires = time(key.expiresAt);
  return expires !== null && expires <= new Date(now).getTime() ? "expired" : "active";
}

export const isLive = (key: LifecycleKey, now: Date | number = Date.now()) => keyState(key, now) === "active";

/** An expired key can be rotated (the rule); a rotated or leaked one cannot. */
export const canRotate = (key: LifecycleKey, now: Date | number = Date.now()) => {
  const state = keyState(key, now);
  return state === "active" || state === "expired";
};

function startOfLocalDay(at: Date | number): number {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Whole calendar days (local time) from `now` to `at`: 0 today, 1 tomorrow. */
export function calendarDaysUntil(at: Date | number | string, now: Date | number = Date.now()): number {
  return Math.round((startOfLocalDay(new Date(at)) - startOfLocalDay(now)) / DAY_MS);
}

/** "in 12 days", "expires tomorrow", "expires today", "expired", "never"; beyond two months "in 3 months". */
export function expiryLabel(expiresAt: string | null | undefined, now: Date | number = Date.now()): string {
  if (!expiresAt) return "never";
  const at = new Date(expiresAt);
  if (at.getTime() <= new Date(now).getTime()) return "expired";
  const days = calendarDaysUntil(at, now);
  if (days <= 0) return "expires today";
  if (days === 1) return "expires tomorrow";
  if (days < 60) return `in ${days} days`;
  return formatRelativeTime(at, now);
}

/** Why a key no longer works, for revoked and expired keys ("Rotated 3 days ago"); null for a live key. */
export function statusLabel(key: LifecycleKey, now: Date | number = Date.now()): string | null {
  const state = keyState(key, now);
  switch (state) {
    case "active":
      return null;
    case "expired":
      return "Expired";
    case "rotated":
      return key.revokedAt ? `Rotated ${formatRelativeTime(key.revokedAt, now)}` : "Rotated";
    case "leaked":
      return "Revoked: reported as leaked";
    case "revoked":
      return "Revoked";
  }
}

export const SCOPE_LABELS: Record<KeyScope, string> = { full: "Full access", read: "Read-only" };
export const SCOPE_DESCRIPTIONS: Record<KeyScope, string> = {
  full: "Everything you can do: log runs, upload files and change settings.",
  read: "Only reads: GET requests and GraphQL queries. Cannot log runs or upload files.",
};

export type KeyFilter = "all" | "active" | "expiring" | "inactive";

export const KEY_FILTERS: { value: KeyFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "active", label: "Active" },
  { value: "expiring", label: "Expiring soon" },
  { value: "inactive", label: "Expired or revoked" },
];

/** Live and expiring within {@link EXPIRING_SOON_DAYS} days. */
export function isExpiringSoon(key: LifecycleKey, now: Date | number = Date.now()): boolean {
  const expires = time(key.expiresAt);
  return isLive(key, now) && expires !== null && expires - new Date(now).getTime() <= EXPIRING_SOON_DAYS * DAY_MS;
}

export function matchesFilter(key: LifecycleKey, filter: KeyFilter, now: Date | number = Date.now()): boolean {
  switch (filter) {
    case "all":
      return true;
    case "active":
      return isLive(key, now);
    case "expiring":
      return isExpiringSoon(key, now);
    case "inactive":
      return !isLive(key, now);
  }
}

export function filterKeys<K extends LifecycleKey>(keys: readonly K[], filter: KeyFilter, now = Date.now()): K[] {
  return keys.filter((key) => matchesFilter(key, filter, now));
}

/** How many keys each filter would show. */
export function filterCounts(keys: readonly LifecycleKey[], now = Date.now()): Record<KeyFilter, number> {
  const counts: Record<KeyFilter, number> = { all: 0, active: 0, expiring: 0, inactive: 0 };
  for (const key of keys) for (const { value } of KEY_FILTERS) if (matchesFilter(key, value, now)) counts[value]++;
  return counts;
}

export type KeySort = "created" | "expiry" | "lastUsed";

export const KEY_SORTS: { value: KeySort; label: string; caption: string }[] = [
  { value: "created", label: "Newest first", caption: "newest first" },
  { value: "expiry", label: "Expiring first", caption: "expiring first" },
  { value: "lastUsed", label: "Recently used", caption: "most recently used first" },
];

/** When a key stops (or stopped) working: its revocation, else its expiry; never is last. */
function endsAt(key: LifecycleKey): number {
  return time(key.revokedAt) ?? time(key.expiresAt) ?? Number.POSITIVE_INFINITY;
}

/**
 * Sorted copy: newest first; expiring first (live keys by expiry, never-expiring last among them,
 * then the keys that no longer work, the one that stopped last first); or most recently used first
 * (never-used last). Ties keep the newest first.
 */
export function sortKeys<K extends LifecycleKey>(
  keys: readonly K[],
  sort: KeySort,
  now: Date | number = Date.now(),
): K[] {
  const created = (a: K, b: K) => (time(b.createdAt) ?? 0) - (time(a.createdAt) ?? 0);
  const compare: Record<KeySort, (a: K, b: K) => number> = {
    created,
    expiry: (a, b) => {
      const [liveA, liveB] = [isLive(a, now), isLive(b, now)];
      if (liveA !== liveB) return liveA ? -1 : 1;
      // Live: the soonest expiry first. No longer working: the most recently stopped first.
      const [x, y] = liveA ? [endsAt(a), endsAt(b)] : [endsAt(b), endsAt(a)];
      return x === y ? created(a, b) : x < y ? -1 : 1;
    },
    lastUsed: (a, b) => {
      const [x, y] = [time(a.lastUsedAt) ?? Number.NEGATIVE_INFINITY, time(b.lastUsedAt) ?? Number.NEGATIVE_INFINITY];
      return x === y ? created(a, b) : x > y ? -1 : 1;
    },
  };
  return [...keys].sort(compare[sort]);
}
