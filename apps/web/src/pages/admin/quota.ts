/** Storage sizes are SI: 1 GB = 10^9 bytes, as storage plans are sold. */
export const BYTES_PER_GB = 1_000_000_000;

export type QuotaInput = { ok: true; bytes: number } | { ok: false; error: string };

/** "50", "2.5" or "0.001" GB → whole bytes; refuses what the API would refuse. */
export function parseQuotaGb(text: string): QuotaInput {
  const trimmed = text.trim().replace(",", ".");
  if (!trimmed) return { ok: false, error: "Enter a quota in GB." };
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return { ok: false, error: "Enter a number of GB, such as 50 or 2.5." };
  const bytes = Math.round(Number(trimmed) * BYTES_PER_GB);
  if (!Number.isSafeInteger(bytes)) return { ok: false, error: "That is more than Homebase can count." };
  return { ok: true, bytes };
}
