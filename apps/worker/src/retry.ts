import type { BackoffStrategy } from "bullmq";

/** A remote's Retry-After is honoured up to this long; beyond it the alert would be stale anyway. */
export const MAX_RETRY_AFTER_MS = 6 * 3600_000;

/**
 * What a channel throws when a send did not go through. `permanent` failures (Slack 4xx, SMTP
 * 5xx) are never retried; others are, after `retryAfterMs` when the remote said so.
 * The message is stored in the delivery log and logged, so it never holds a secret.
 */
export class DeliveryFailure extends Error {
  override name = "DeliveryFailure";
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Thrown by the processor for a transient failure that BullMQ should retry. The custom
 * backoff strategy waits `retryAfterMs` when the remote gave one (Slack 429 Retry-After).
 */
export class RetryableDeliveryError extends Error {
  override name = "RetryableDeliveryError";
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Exponential backoff: the n-th attempt's failure waits base × 2^(n-1): 20, 40, 80, 160, 320 s. */
export function deliveryRetryDelayMs(attempt: number, baseMs: number): number {
  return Math.round(baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Parses an HTTP Retry-After header (delta-seconds or an HTTP-date) into milliseconds from
 * `nowMs`. Undefined when absent or unreadable; never negative; capped at MAX_RETRY_AFTER_MS.
 */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  return Math.min(Math.max(0, Math.ceil(ms)), MAX_RETRY_AFTER_MS);
}

/**
 * BullMQ `settings.backoffStrategy` of the notifications queue. For "delivery" jobs: the
 * remote's Retry-After when the error carries one, else base × 2^(attemptsMade-1), the base
 * being the worker's DELIVERY_RETRY_BASE_MS (`baseMs`) for every job, whoever enqueued it; a
 * delay a job carries (from an older producer) is ignored. With the default base of 20 s,
 * 6 attempts span 20+40+80+160+320 = 620 s, over 10 minutes.
 */
export function deliveryBackoffStrategy(baseMs: number): BackoffStrategy {
  return (attemptsMade, _type, err) => {
    const retryAfterMs = (err as Partial<RetryableDeliveryError> | undefined)?.retryAfterMs;
    if (typeof retryAfterMs === "number" && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) return retryAfterMs;
    return deliveryRetryDelayMs(attemptsMade, baseMs);
  };
}
