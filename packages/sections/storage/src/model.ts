import { STORAGE_KINDS } from "@homebase/core/storage";
import type { api, ResponseOf } from "@homebase/settings-kit";
import { formatBytes } from "@homebase/ui";

/** Shapes of `GET /entities/:entity/storage` (from the typed client) and how the page presents them. */

export type StorageUsage = ResponseOf<(typeof api.api.v1.entities)[":entity"]["storage"]["$get"]>;
export type StorageLevel = StorageUsage["level"];
export type StorageKind = keyof StorageUsage["byKind"];

/**
 * Where plans are described. A constant, since the API exposes no setting for it; change it here
 * (one place) for a deployment that documents its plans elsewhere.
 */
export const PLANS_URL = "https://docs.wandb.ai/guides/app/settings-page/storage";

/** Usage refreshes on its own while the page is open, so new objects show without a recalculation. */
export const USAGE_REFRESH_MS = 5_000;
/** How often a running recalculation is asked for its progress. */
export const JOB_POLL_MS = 500;
/** How long "Recalculated" stays after the new figure arrived. */
export const FINISHED_MESSAGE_MS = 5_000;

export const LEVEL_COLORS: Record<StorageLevel, string> = {
  ok: "teal",
  caution: "yellow",
  warning: "orange",
  danger: "red",
  exceeded: "grape",
};

export const LEVEL_LABELS: Record<StorageLevel, string> = {
  ok: "OK",
  caution: "Caution (70 % or more)",
  warning: "Warning (85 % or more)",
  danger: "Nearly full (95 % or more)",
  exceeded: "Over quota",
};

export const KIND_LABELS: Record<StorageKind, string> = {
  artifact: "Artifacts",
  run_file: "Run files",
  media: "Media",
  other: "Other",
};

/** Every kind, in the order the breakdown lists them (core's STORAGE_KINDS). */
export const KINDS: readonly StorageKind[] = STORAGE_KINDS;

/**
 * "73 %": whole percent, rounded down so that the figure never claims a level the usage has
 * not reached (69.9 % is "69 %", still below caution); "< 1 %" for a little usage.
 */
export function percentLabel(fraction: number): string {
  if (!Number.isFinite(fraction) || fraction <= 0) return "0 %";
  const percent = fraction * 100;
  if (percent < 1) return "< 1 %";
  return `${new Intl.NumberFormat("en-US").format(Math.floor(percent))} %`;
}

/** "73.5 GB of 100 GB used (73 %)". */
export function usageSentence(usage: Pick<StorageUsage, "usedBytes" | "quotaBytes" | "usedFraction">): string {
  return `${formatBytes(usage.usedBytes)} of ${formatBytes(usage.quotaBytes)} used (${percentLabel(usage.usedFraction)})`;
}

/** "73,456,000,000 bytes", for the hover text. */
export function exactBytes(bytes: number): string {
  return `${new Intl.NumberFormat("en-US").format(bytes)} ${bytes === 1 ? "byte" : "bytes"}`;
}

/** The ten projects that use the most, largest first (ties by name). */
export function topProjects(byProject: StorageUsage["byProject"], count = 10): StorageUsage["byProject"] {
  return [...byProject]
    .filter((p) => p.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes || a.project.localeCompare(b.project))
    .slice(0, count);
}

export interface ChartPoint {
  /** Epoch milliseconds. */
  at: number;
  usedBytes: number;
}

const DAY_MS = 86_400_000;

/**
 * The points of the last `days` days, oldest first, ending with the current figure, so the
 * line reaches "now" even between the hourly history points.
 */
export function chartPoints(usage: Pick<StorageUsage, "history" | "usedBytes" | "computedAt">, now: number, days = 30) {
  const from = now - days * DAY_MS;
  const points: ChartPoint[] = usage.history
    .map((h) => ({ at: Date.parse(h.at), usedBytes: h.usedBytes }))
    .filter((p) => Number.isFinite(p.at) && p.at >= from && p.at <= now)
    .sort((a, b) => a.at - b.at);
  const current = usage.computedAt ? Date.parse(usage.computedAt) : now;
  const last = points.at(-1);
  if (!last || last.at < current)
    points.push({ at: Math.min(Math.max(current, from), now), usedBytes: usage.usedBytes });
  else if (last.usedBytes !== usage.usedBytes) points.push({ at: now, usedBytes: usage.usedBytes });
  return { from, to: now, points };
}
