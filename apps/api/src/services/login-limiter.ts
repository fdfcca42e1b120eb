import type { Redis } from "ioredis";
import { RateLimiterRedis, type RateLimiterRes } from "rate-limiter-flexible";

export interface LoginLimiter {
  /** Seconds to wait when this IP or account has used up its failures, else 0. */
  blockedFor(ip: string, login: string): Promise<number>;
  recordFailure(ip: string, login: string): Promise<void>;
  recordSuccess(login: string): Promise<void>;
}

/** Counts failed logins per IP and per account in Redis, under the deployment's prefix. */
export function createLoginLimiter(
  redis: Redis,
  prefix: string,
  limit: { failures: number; windowSeconds: number },
): LoginLimiter {
  const make = (name: string) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:rl:${name}`,
      points: limit.failures,
      duration: limit.windowSeconds,
      useRedisPackage: false,
    });
  const byIp = make("login-ip");
  const byAccount = make("login-account");
  const account = (login: string) => login.trim().toLowerCase().slice(0, 254);

  const wait = (res: RateLimiterRes | null) =>
    res && res.consumedPoints >= limit.failures ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;

  return {
    async blockedFor(ip, login) {
      const [a, b] = await Promise.all([byIp.get(ip), byAccount.get(account(login))]);
      return Math.max(wait(a), wait(b));
    },
    async recordFailure(ip, login) {
      // Penalties never reject: blockedFor decides, so the counters just count.
      await Promise.all([byIp.penalty(ip, 1), byAccount.penalty(account(login), 1)]);
    },
    async recordSuccess(login) {
      await byAccount.delete(account(login));
    },
  };
}
