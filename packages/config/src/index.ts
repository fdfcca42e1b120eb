/**
 * The environment variables of every Homebase process, in slices by concern. Each app's
 * `src/env.ts` spreads the slices it reads into one createEnv (@t3-oss/env-core), with
 * `onValidationError: onInvalidEnv`, and validates once at start.
 */
export { blobStoreEnv } from "@homebase/blobs";
export { databaseEnv } from "@homebase/db";
export { deliveriesEnv } from "./deliveries";
export { onInvalidEnv } from "./errors";
export { type GithubEnv, githubAppFromEnv, githubEnv } from "./github";
export { DEFAULT_MAIL_FROM, mailEnv } from "./mail";
export { DEFAULT_REDIS_URL, queueEnv } from "./queues";
export { DEFAULT_RUN_HEARTBEAT_TIMEOUT_S, DEFAULT_WATCHDOG_INTERVAL_MS, runsEnv } from "./runs";
export { defaultPublicUrl, serverEnv } from "./server";
export { DEFAULT_SLACK_WEBHOOK_HOSTS, slackEnv } from "./slack";
export { runFilesEnv, storageEnv } from "./storage";
export type { EnvOf } from "./types";
