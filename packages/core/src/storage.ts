/**
 * Storage plan rules: kinds of stored objects, levels against the quota, the default quota and
 * sizes in SI units (GB = 10^9 bytes). Browser-safe, imported by sections as `@homebase/core/storage`.
 */

import { formatBytes } from "./format-bytes";

export const STORAGE_KINDS = ["artifact", "run_file", "media", "other"] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

export const STORAGE_LEVELS = ["ok", "caution", "warning", "danger", "exceeded"] as const;
export type StorageLevel = (typeof STORAGE_LEVELS)[number];

/** Lower bounds of each level, as fractions of the quota. */
export const LEVEL_THRESHOLDS: ReadonlyArray<readonly [StorageLevel, number]> = [
  ["exceeded", 1],
  ["danger", 0.95],
  ["warning", 0.85],
  ["caution", 0.7],
];

/** The plan's quota of an entity without an override, unless DEFAULT_STORAGE_QUOTA_BYTES says otherwise: 100 GB. */
export const DEFAULT_STORAGE_QUOTA_BYTES = 100_000_000_000;

/** How long hourly usage history is kept (and shown): older points are dropped. */
export const STORAGE_HISTORY_DAYS = 90;

export function usedFraction(usedBytes: number, quotaBytes: number): number {
  return quotaBytes > 0 ? usedBytes / quotaBytes : usedBytes > 0 ? Number.POSITIVE_INFINITY : 0;
}

export function storageLevel(usedBytes: number, quotaBytes: number): StorageLevel {
  const fraction = usedFraction(usedBytes, quotaBytes);
  for (const [level, from] of LEVEL_THRESHOLDS) if (fraction >= from) return level;
  return "ok";
}

export function levelRank(level: StorageLevel): number {
  return STORAGE_LEVELS.indexOf(level);
}

/**
 * Whether moving from the last notified level to `current` notifies: only moving up does;
 * falling back to ok (below 70 %) re-arms every level.
 */
export function levelTransition(
  notified: StorageLevel,
  current: StorageLevel,
): { notify: boolean; nextNotified: StorageLevel } {
  if (current === "ok") return { notify: false, nextNotified: "ok" };
  if (levelRank(current) > levelRank(notified)) return { notify: true, nextNotified: current };
  return { notify: false, nextNotified: notified };
}

export function storageAlertMessage(p: { entity: string; level: StorageLevel; usedBytes: number; quotaBytes: number }) {
  const percent = Math.floor(usedFraction(p.usedBytes, p.quotaBytes) * 100);
  const usage = `${formatBytes(p.usedBytes)} of ${formatBytes(p.quotaBytes)} (${percent} %)`;
  const title =
    p.level === "exceeded" ? `Storage quota exceeded: ${p.entity}` : `Storage ${percent} % used: ${p.entity}`;
  const text =
    `${p.entity} uses ${usage}. ` +
    (p.level === "exceeded" ? "New files may be refused until you free space. " : "") +
    "Delete artifact versions or runs you no longer need, or ask an administrator for more storage.";
  return {
    title,
    text,
    level: p.level === "caution" ? ("INFO" as const) : p.level === "warning" ? ("WARN" as const) : ("ERROR" as const),
  };
}
