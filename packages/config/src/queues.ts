import { z } from "zod";
import { urlOf } from "./rules";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

/**
 * Redis, shared by the queues, rate-limit counters, debounces and leases:
 * - `REDIS_URL` (`redis://127.0.0.1:6379`): a `redis://` or `rediss://` (TLS) URL;
 * - `QUEUE_PREFIX` (`homebase`): every Redis key of the deployment starts with it; letters,
 *   digits and `: _ . -` only.
 */
export const queueEnv = {
  REDIS_URL: urlOf(/^rediss?$/, "a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379").default(DEFAULT_REDIS_URL),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]+$/, { error: "must be letters, digits and : _ . - only" })
    .default("homebase"),
};
