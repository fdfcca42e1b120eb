import { type DestinationStream, type LevelWithSilent, type Logger, pino } from "pino";

export type { Logger };

/**
 * Paths whose values never reach a log line: credentials, tokens and URLs that may carry them.
 * Job payloads are logged by their id and name only, but a processor may log an object that
 * holds one of these, so the logger removes them wherever they appear one or two levels deep.
 */
export const REDACTED_PATHS = [
  "password",
  "token",
  "secret",
  "apiKey",
  "authorization",
  "cookie",
  "webhookUrl",
  "smtpUrl",
  "accessToken",
  "*.password",
  "*.token",
  "*.secret",
  "*.apiKey",
  "*.authorization",
  "*.cookie",
  "*.webhookUrl",
  "*.smtpUrl",
  "*.accessToken",
  "*.headers.authorization",
  "*.headers.cookie",
];

/** Structured JSON logs on stdout (or `destination`, in tests), one object per line; pretty on a terminal. */
export function createLogger(level: LevelWithSilent = "info", destination?: DestinationStream): Logger {
  return pino(
    {
      name: "worker",
      level,
      base: { service: "worker" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    },
    destination ?? (process.stdout.isTTY ? prettyTerminal() : undefined),
  );
}

/** When stdout is a terminal (a person ran `npm start`): the same lines through pino-pretty, coloured and short. */
function prettyTerminal(): DestinationStream {
  return pino.transport({
    target: "pino-pretty",
    options: { colorize: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,service", singleLine: true },
  });
}
