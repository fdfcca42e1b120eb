/** How long a request waits on Redis before answering without it (the database holds the work). */
export const REDIS_WAIT_MS = 1000;

export class RedisTimeoutError extends Error {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms`);
    this.name = "RedisTimeoutError";
  }
}

/**
 * `work` or, after `ms` milliseconds, a RedisTimeoutError: no request waits on Redis longer than
 * that. (ioredis queues commands while it reconnects, and BullMQ's connection retries forever,
 * so without a bound a Redis outage stalls every request that enqueues.) The work itself goes on
 * in the background and may still complete.
 */
export async function boundedWait<T>(work: Promise<T>, ms = REDIS_WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(ms)), ms);
  });
  work.catch(() => {}); // a late failure after the timeout is not an unhandled rejection
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
