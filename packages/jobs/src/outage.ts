/** The part of a logger (pino's) that outage reporting needs. */
export interface OutageLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** Connection failures: while Redis is away, every command and reconnect attempt fails with one of these. */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  const code = e?.code ?? "";
  return (
    ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"].includes(code) ||
    /Connection is closed|connect ECONNREFUSED|Stream isn't writeable|Reached the max retries/i.test(e?.message ?? "")
  );
}

/**
 * Reports a Redis outage once: the first connection error logs a warning, the rest are quiet
 * until Redis answers again, which logs how long it was away. ioredis retries every few hundred
 * milliseconds and BullMQ's workers report each failed attempt, so without this an outage writes
 * a line per attempt. Call `error(err)` from the connection's and workers' "error" events (it
 * returns false for errors that are not connection failures, which the caller logs as usual) and
 * `ready()` from the connection's "ready" event.
 */
export function createOutageReporter(logger: OutageLogger, what: string) {
  let since: number | undefined;
  return {
    error(err: unknown): boolean {
      if (!isConnectionError(err)) return false;
      if (since === undefined) {
        since = Date.now();
        logger.warn(
          { err: (err as Error)?.message },
          `${what}: Redis is unreachable; retrying quietly until it answers`,
        );
      }
      return true;
    },
    ready(): void {
      if (since === undefined) return;
      logger.info({ downMs: Date.now() - since }, `${what}: Redis answers again`);
      since = undefined;
    },
    get down(): boolean {
      return since !== undefined;
    },
  };
}
