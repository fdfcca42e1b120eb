import { resolve } from "node:path";
import { z } from "zod";
import { urlOf } from "./rules";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * What every Homebase process needs to know about itself:
 * - `PORT` (3000): the API's port; the default of `PUBLIC_URL` is `http://localhost:PORT`;
 * - `PUBLIC_URL`: the http(s) URL users open (links in e-mails and Slack, the Origin the API checks);
 * - `DATA_DIR` (`./data`): SQLite file, outbox, `secret.key`; resolved to an absolute path;
 * - `LOG_LEVEL` (`info`);
 * - `SECRET_KEY`: encrypts stored third-party secrets; unset, `DATA_DIR/secret.key` is generated.
 */
export const serverEnv = {
  PORT: z.coerce
    .number({ error: "must be a port number (1-65535)" })
    .int({ error: "must be a port number (1-65535)" })
    .min(1, { error: "must be a port number (1-65535)" })
    .max(65535, { error: "must be a port number (1-65535)" })
    .default(3000),
  PUBLIC_URL: urlOf(/^https?$/, "an http:// or https:// URL, e.g. https://homebase.example.com").optional(),
  DATA_DIR: z
    .string()
    .default("./data")
    .transform((dir) => resolve(dir)),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  SECRET_KEY: z.string().optional(),
};

/** PUBLIC_URL, or http://localhost:PORT when it is not set. */
export function defaultPublicUrl(port: number): string {
  return `http://localhost:${port}`;
}
