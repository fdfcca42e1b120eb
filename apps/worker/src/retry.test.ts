import { DELIVERY_ATTEMPTS, DELIVERY_RETRY_BASE_MS, deliveryJobOptions } from "@homebase/jobs";
import { describe, expect, it } from "vitest";
import {
  deliveryBackoffStrategy,
  deliveryRetryDelayMs,
  MAX_RETRY_AFTER_MS,
  parseRetryAfterMs,
  RetryableDeliveryError,
} from "./retry";

describe("delivery retries", () => {
  it("spread 6 attempts over more than 10 minutes with the default base", () => {
    const waits = Array.from({ length: DELIVERY_ATTEMPTS - 1 }, (_, i) =>
      deliveryRetryDelayMs(i + 1, DELIVERY_RETRY_BASE_MS),
    );
    expect(waits).toEqual([20_000, 40_000, 80_000, 160_000, 320_000]);
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it("backoff strategy: Retry-After when the error has one, else exponential from the worker's base", async () => {
    const strategy = deliveryBackoffStrategy(200);
    const job = { opts: deliveryJobOptions("d1") } as never;
    expect(await strategy(1, "delivery", new RetryableDeliveryError("429", 2000), job)).toBe(2000);
    expect(await strategy(1, "delivery", new RetryableDeliveryError("500"), job)).toBe(200);
    expect(await strategy(3, "delivery", new Error("boom"), job)).toBe(800);
  });

  it("delivery jobs carry no delay, and one an older producer stamped is ignored: the worker's base decides", async () => {
    expect(deliveryJobOptions("d1").backoff).toEqual({ type: "delivery" });
    const strategy = deliveryBackoffStrategy(700);
    const stamped = {
      opts: { ...deliveryJobOptions("d1"), backoff: { type: "delivery", delay: DELIVERY_RETRY_BASE_MS } },
    };
    expect(await strategy(1, "delivery", new Error("boom"), stamped as never)).toBe(700);
    expect(await strategy(2, "delivery", new Error("boom"), stamped as never)).toBe(1400);
  });

  it("parses Retry-After as seconds or an HTTP date, never negative, capped", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    expect(parseRetryAfterMs("2", now)).toBe(2000);
    expect(parseRetryAfterMs(" 0.5 ", now)).toBe(500);
    expect(parseRetryAfterMs("Tue, 01 Jan 2030 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfterMs("Mon, 31 Dec 2029 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfterMs("999999", now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });
});
