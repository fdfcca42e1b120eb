import type { Redis } from "ioredis";
import { RateLimiterRedis, type RateLimiterRes } from "rate-limiter-flexible";
import type { AppDeps } from "../lib/context";
import { HttpProblem } from "../lib/problem";

/**
 * The per-account and per-address limit of password guesses and account e-mails. `account` is
 * the account's own key (`accountKey`), so every identifier of one account — its username, its
 * email in any case — counts against the same budget.
 */
export interface LoginLimiter {
  /** Seconds to wait when this IP or account has used up its failures, else 0. */
  blockedFor(ip: string, account: string): Promise<number>;
  recordFailure(ip: string, account: string): Promise<void>;
  /** Counts an e-mail sent for the account (reset, verification) against the account only, not the address. */
  recordAccountAttempt(account: string): Promise<void>;
  recordSuccess(account: string): Promise<void>;
}

/** The limiter key of an account: its user id when the identifier names one, else the identifier itself. */
export function accountKey(user: { id: string } | undefined, identifier: string): string {
  return user ? `user:${user.id}` : `login:${identifier.trim().toLowerCase().slice(0, 254)}`;
}

const limiters = new WeakMap<object, LoginLimiter>();

/** The deployment's limiter (one per app: the counters themselves live in Redis, shared by every process). */
export function loginLimiterFor(deps: Required<AppDeps>): LoginLimiter {
  let limiter = limiters.get(deps);
  if (!limiter) {
    limiter = createLoginLimiter(deps.redis, deps.config.queuePrefix, deps.config.loginLimit);
    limiters.set(deps, limiter);
  }
  return limiter;
}

/**
 * Runs a limiter call; when Redis cannot answer, the limit cannot be checked, and the request is
 * refused with 503 and Retry-After rather than let through unlimited (or failing with 500).
 */
export async function withLimiter<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof HttpProblem) throw err;
    throw new HttpProblem(
      503,
      "Sign-in is briefly unavailable (the rate limiter cannot be reached). Try again shortly.",
      {
        headers: { "Retry-After": "5" },
      },
    );
  }
}

/** Throws 429 with Retry-After while the address or the account is over its limit. */
export async function assertNotLimited(limiter: LoginLimiter, ip: string, account: string, what: string) {
  const wait = await withLimiter(() => limiter.blockedFor(ip, account));
  if (wait > 0) {
    throw new HttpProblem(429, `Too many ${what}. Try again in ${wait} seconds.`, {
      headers: { "Retry-After": String(wait) },
    });
  }
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
  const account = (key: string) => key.slice(0, 300);

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
    async recordAccountAttempt(key) {
      await byAccount.penalty(account(key), 1);
    },
    async recordSuccess(login) {
      await byAccount.delete(account(login));
    },
  };
}
