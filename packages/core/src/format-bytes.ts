const UNITS = ["B", "kB", "MB", "GB", "TB", "PB", "EB"] as const;

export interface FormatBytesOptions {
  /** Significant fraction digits above 1 kB (trailing zeros are dropped). @default 1 */
  maximumFractionDigits?: number;
  locale?: string;
}

/**
 * Formats a byte count in SI units (1 kB = 1000 B, 1 GB = 10^9 B), the way
 * storage plans are sold: `formatBytes(100_000_000_000)` → "100 GB". The one byte formatter of
 * the house (alerts, the API's messages and every UI); browser-safe, imported as
 * `@homebase/core/format-bytes` (or through `@homebase/ui`).
 */
export function formatBytes(bytes: number, options: FormatBytesOptions = {}): string {
  const { maximumFractionDigits = 1, locale = "en-US" } = options;
  if (!Number.isFinite(bytes)) return "—";
  const sign = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  // 999.96 kB rounds to "1000 kB"; show "1 MB" instead.
  const digits = unit === 0 ? 0 : maximumFractionDigits;
  if (unit < UNITS.length - 1 && Number(value.toFixed(digits)) >= 1000) {
    value /= 1000;
    unit += 1;
  }
  const formatted = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return `${sign}${formatted} ${UNITS[unit]}`;
}
