import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

export interface KeyFailureLimiter {
  /** Seconds this IP must wait, from this process's memory (no Redis round trip on the hot path). */
  blockedFor(ip: string, nowMs: number): number;
  /** Counts a failed key authentication in Redis; returns the wait in seconds once over the limit. */
  recordFailure(ip: string, nowMs: number): Promise<number>;
}

/**
 * Failed API-key authentications per IP, counted in Redis under the deployment's prefix, so
 * guessing keys is slow. Successful requests never touch Redis: an IP found over the limit is
 * remembered in memory until its window ends.
 */
export function createKeyFailureLimiter(
  redis: Redis,
  prefix: string,
  limit: { failures: number; windowSeconds: number },
): KeyFailureLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}:rl:api-key-ip`,
    points: limit.failures,
    duration: limit.windowSeconds,
    useRedisPackage: false,
  });
  const blockedUntil = new Map<string, number>();
  return {
    blockedFor(ip, nowMs) {
      const until = blockedUntil.get(ip);
      if (until === undefined) return 0;
      if (until <= nowMs) {
        blockedUntil.delete(ip);
        return 0;
      }
      return Math.ceil((until - nowMs) / 1000);
    },
    async recordFailure(ip, nowMs) {
      try {
        await limiter.consume(ip, 1);
        return 0;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        if (blockedUntil.size > 10_000) blockedUntil.clear();
        blockedUntil.set(ip, nowMs + rejection.msBeforeNext);
        return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      }
    },
  };
}
