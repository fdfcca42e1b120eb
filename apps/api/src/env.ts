import {
  blobStoreEnv,
  databaseEnv,
  githubEnv,
  onInvalidEnv,
  queueEnv,
  runFilesEnv,
  serverEnv,
  slackEnv,
  storageEnv,
} from "@homebase/config";
import { DEPLOYMENT_MODES } from "@homebase/core";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { parseTrustedProxies } from "./lib/client-ip";

const bool = z
  .enum(["true", "false", "1", "0"], { error: "must be true, false, 1 or 0" })
  .optional()
  .transform((v) => v === "true" || v === "1");

/**
 * The API's configuration, validated once at start from the shared slices of @homebase/config
 * it reads, and its own variables. Nothing else in the API reads process.env.
 */
export const env = createEnv({
  server: {
    ...serverEnv,
    ...queueEnv,
    ...databaseEnv,
    ...blobStoreEnv,
    ...storageEnv,
    ...runFilesEnv,
    ...slackEnv,
    ...githubEnv,
    DEPLOYMENT_MODE: z
      .enum(DEPLOYMENT_MODES, {
        error: "must be multi-tenant, dedicated or self-managed",
      })
      .default("self-managed"),
    /** Folder of the built settings shell; defaults to apps/web/dist of this checkout. */
    WEB_DIST_DIR: z.string().optional(),
    /**
     * The reverse proxies whose X-Forwarded-For gives the client address (see
     * parseTrustedProxies): addresses, CIDR ranges, loopback / linklocal / uniquelocal, or *.
     */
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({
            code: "custom",
            message: `must list IP addresses, CIDR ranges, loopback, linklocal, uniquelocal or * (${(error as Error).message})`,
          });
        }
      }),
    /** Earlier name: TRUST_PROXY=true trusts every hop, as TRUSTED_PROXIES=* does. */
    TRUST_PROXY: bool,
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: onInvalidEnv,
});
