import pino, { type DestinationStream, type Logger } from "pino";

/** Paths whose values never reach a log line, whatever a caller passes in. */
export const REDACT_PATHS = [
  "password",
  "*.password",
  "token",
  "*.token",
  "key",
  "*.key",
  "secret",
  "*.secret",
  "webhookUrl",
  "*.webhookUrl",
  "authorization",
  "*.authorization",
  "cookie",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
];

/**
 * JSON lines on stdout (or `destination`, in tests); when stdout is a terminal (a person ran
 * `npm start`), the same lines pretty-printed by pino-pretty.
 */
export function createLogger(options: { level: string; name?: string }, destination?: DestinationStream): Logger {
  return pino(
    {
      name: options.name ?? "api",
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? (process.stdout.isTTY ? prettyTerminal() : undefined),
  );
}

/** pino-pretty in pino's transport thread: coloured, short times, without pid and hostname. */
export function prettyTerminal(): DestinationStream {
  return pino.transport({
    target: "pino-pretty",
    options: { colorize: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname", singleLine: true },
  });
}
