import {
  blobStoreEnv,
  databaseEnv,
  deliveriesEnv,
  githubEnv,
  mailEnv,
  onInvalidEnv,
  queueEnv,
  runsEnv,
  serverEnv,
  storageEnv,
} from "@homebase/config";
import { createEnv } from "@t3-oss/env-core";

/**
 * The worker's configuration, validated once at start from the shared slices of
 * @homebase/config it reads. Nothing else in this app reads `process.env`; everything below
 * receives what it needs as arguments (see workerConfigFromEnv).
 */
export const env = createEnv({
  server: {
    ...serverEnv,
    ...queueEnv,
    ...databaseEnv,
    ...blobStoreEnv,
    ...storageEnv,
    ...mailEnv,
    ...githubEnv,
    ...runsEnv,
    ...deliveriesEnv,
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: onInvalidEnv,
});
