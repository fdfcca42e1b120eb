import { randomBytes } from "node:crypto";
import { type BlobStore, DEFAULT_RUN_FILE_MAX_BYTES, fileBlobStore } from "@homebase/blobs";
import { DEFAULT_SLACK_WEBHOOK_HOSTS, defaultPublicUrl } from "@homebase/config";
import { DEFAULT_STORAGE_QUOTA_BYTES, type DeploymentMode } from "@homebase/core";
import { TRUST_NO_PROXY, type TrustedProxies } from "./lib/client-ip";

/** Everything the app needs to know about its deployment; built from env.ts in server.ts, by hand in tests. */
export interface AppConfig {
  /** Origin that cookie-authenticated unsafe requests must carry, e.g. http://localhost:3000. */
  publicUrl: string;
  /**
   * Other origins of this same server that count as the web app's own. Only when PUBLIC_URL is
   * not set: the default http://localhost:PORT is then also reached as 127.0.0.1 and [::1].
   */
  loopbackOrigins?: readonly string[];
  deploymentMode: DeploymentMode;
  /** Prefix of every Redis key this deployment writes. */
  queuePrefix: string;
  dataDir: string;
  /** Avatars and run files (BLOB_STORE_URL): files under DATA_DIR by default, or an S3-compatible store. */
  blobs: BlobStore;
  defaultStorageQuotaBytes: number;
  /** Folder of the built shell to serve for non-API paths; none in tests. */
  webDistDir?: string;
  /** TRUSTED_PROXIES: the proxies whose X-Forwarded-For gives the client address (lib/client-ip). */
  trustedProxies: TrustedProxies;
  session: {
    cookieName: string;
    idleTimeoutMs: number;
    /** Sessions are written back at most this often, so reads stay reads. */
    touchAfterMs: number;
  };
  loginLimit: { failures: number; windowSeconds: number };
  /** AES-256-GCM key for third-party secrets at rest, derived from SECRET_KEY. */
  encryptionKey: Buffer;
  /** SLACK_WEBHOOK_HOSTS: hosts (https) or exact origins a Slack webhook URL may point to. */
  slackWebhookHosts: readonly string[];
  /** The GitHub OAuth app; absent when GITHUB_CLIENT_ID is not configured. */
  github?: { clientId: string; clientSecret: string; baseUrl: string };
  /** GITHUB_BASE_URL, even without the OAuth app (secret scanning fetches GitHub's keys there); default github.com. */
  githubBaseUrl?: string;
  /** RUN_FILE_MAX_BYTES: the largest run file an upload URL accepts, in bytes. */
  runFileMaxBytes: number;
  /** Failed API-key authentications allowed per IP and window. */
  keyFailureLimit: { failures: number; windowSeconds: number };
}

export const SESSION_DEFAULTS: AppConfig["session"] = {
  cookieName: "hb_session",
  idleTimeoutMs: 30 * 24 * 3600 * 1000,
  touchAfterMs: 10 * 60 * 1000,
};

export function defineConfig(
  partial: Partial<AppConfig> & Pick<AppConfig, "publicUrl" | "queuePrefix" | "dataDir">,
): AppConfig {
  return {
    deploymentMode: "self-managed",
    defaultStorageQuotaBytes: DEFAULT_STORAGE_QUOTA_BYTES,
    trustedProxies: TRUST_NO_PROXY,
    session: SESSION_DEFAULTS,
    loginLimit: { failures: 10, windowSeconds: 15 * 60 },
    keyFailureLimit: { failures: 30, windowSeconds: 10 * 60 },
    encryptionKey: randomBytes(32),
    slackWebhookHosts: DEFAULT_SLACK_WEBHOOK_HOSTS,
    runFileMaxBytes: DEFAULT_RUN_FILE_MAX_BYTES,
    blobs: fileBlobStore(partial.dataDir),
    ...partial,
  };
}

/**
 * PUBLIC_URL, or http://localhost:PORT when it is not set. With that default, the same server
 * reached as http://127.0.0.1:PORT or http://[::1]:PORT is the web app too, not a foreign origin;
 * an explicit PUBLIC_URL is the only origin.
 */
export function resolvePublicUrl(
  explicit: string | undefined,
  port: number,
): Pick<AppConfig, "publicUrl" | "loopbackOrigins"> {
  if (explicit) return { publicUrl: explicit, loopbackOrigins: [] };
  return {
    publicUrl: defaultPublicUrl(port),
    loopbackOrigins: [`http://127.0.0.1:${port}`, `http://[::1]:${port}`],
  };
}
