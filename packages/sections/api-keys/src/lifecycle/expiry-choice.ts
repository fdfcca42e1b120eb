/**
 * The expiry a user picks when creating a key: 7, 30, 60 or 90 days, a date, or none; an
 * organisation's maximum lifetime takes "none" away and disables the longer choices.
 */
import { DAY_MS } from "./model";

export const EXPIRY_PRESET_DAYS = [7, 30, 60, 90] as const;

export type ExpiryChoice = `${(typeof EXPIRY_PRESET_DAYS)[number]}` | "custom" | "none";

export interface ExpiryOption {
  value: ExpiryChoice;
  days: number | null;
  disabled: boolean;
}

/** The choices, in order, with the ones the maximum lifetime (days, null for none) rules out disabled. */
export function expiryOptions(maxDays: number | null): ExpiryOption[] {
  const options: ExpiryOption[] = EXPIRY_PRESET_DAYS.map((days) => ({
    value: `${days}` as ExpiryChoice,
    days,
    disabled: maxDays !== null && days > maxDays,
  }));
  options.push({ value: "custom", days: null, disabled: false });
  // Not offered at all while the organisation requires keys to expire.
  if (maxDays === null) options.push({ value: "none", days: null, disabled: false });
  return options;
}

/** 30 days where allowed (GitLab's and GitHub's default), else the longest allowed preset, else a date. */
export function defaultExpiryChoice(maxDays: number | null): ExpiryChoice {
  const presets = expiryOptions(maxDays).filter((o) => o.days !== null && !o.disabled);
  if (presets.some((o) => o.value === "30")) return "30";
  return presets.at(-1)?.value ?? "custom";
}

/** A choice still valid under `maxDays`, or the default. */
export function allowedChoice(choice: ExpiryChoice, maxDays: number | null): ExpiryChoice {
  const option = expiryOptions(maxDays).find((o) => o.value === choice);
  return option && !option.disabled ? choice : defaultExpiryChoice(maxDays);
}

/** `YYYY-MM-DD` of a local day, as `<input type="date">` takes it. */
export function dateInputValue(at: Date | number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function parseDateInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date : null;
}

/** The first and last days a custom date may be: tomorrow, and the last day the maximum lifetime allows. */
export function customDateBounds(maxDays: number | null, now: Date | number = Date.now()) {
  const today = new Date(now);
  const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  return {
    min: dateInputValue(tomorrow),
    max: maxDays === null ? undefined : dateInputValue(new Date(today).getTime() + maxDays * DAY_MS),
  };
}

/** Why a custom date cannot be used, or null when it can. */
export function customDateError(value: string, maxDays: number | null, now: Date | number = Date.now()): string | null {
  if (!value) return "Choose the date the key expires.";
  if (!parseDateInput(value)) return "Enter a date such as 2030-01-31.";
  const { min, max } = customDateBounds(maxDays, now);
  if (value < min) return "Choose a date in the future (tomorrow or later).";
  if (max !== undefined && value > max) {
    return `Your organisation allows keys to live at most ${maxDays} days: choose ${max} or earlier.`;
  }
  return null;
}

/**
 * The `expiresAt` to send for a choice: now plus the preset's days, the end of the chosen day
 * (local time, capped at the maximum lifetime), or null for none.
 */
export function expiresAtFor(
  choice: ExpiryChoice,
  customDate: string,
  maxDays: number | null,
  now: Date | number = Date.now(),
): string | null {
  const start = new Date(now).getTime();
  if (choice === "none") return null;
  if (choice !== "custom") return new Date(start + Number(choice) * DAY_MS).toISOString();
  const day = parseDateInput(customDate);
  if (!day) throw new Error(`not a date: ${customDate}`);
  let end = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 23, 59, 59, 999).getTime();
  if (maxDays !== null) end = Math.min(end, start + maxDays * DAY_MS);
  return new Date(end).toISOString();
}

/**
 * The maximum lifetime stated in the server's 422 ("…expire within 30 days", "…at most 30
 * days"): how a user who cannot read the organisation's settings learns it.
 */
export function maxDaysFromMessage(message: string | undefined): number | null {
  const match = message ? /(?:within|at most) (\d+) days?/i.exec(message) : null;
  return match ? Number(match[1]) : null;
}
