import { resolve } from "node:path";
import { DEFAULT_RUN_FILE_MAX_BYTES } from "@homebase/blobs";
import { DEFAULT_STORAGE_QUOTA_BYTES } from "@homebase/core";
import { DELIVERY_RETRY_BASE_MS } from "@homebase/jobs";
import { createEnv } from "@t3-oss/env-core";
import { describe, expect, it } from "vitest";
import {
  blobStoreEnv,
  DEFAULT_MAIL_FROM,
  DEFAULT_REDIS_URL,
  databaseEnv,
  deliveriesEnv,
  githubAppFromEnv,
  githubEnv,
  mailEnv,
  onInvalidEnv,
  queueEnv,
  runFilesEnv,
  runsEnv,
  serverEnv,
  slackEnv,
  storageEnv,
} from "./index";

const everySlice = {
  ...serverEnv,
  ...queueEnv,
  ...databaseEnv,
  ...blobStoreEnv,
  ...storageEnv,
  ...runFilesEnv,
  ...mailEnv,
  ...slackEnv,
  ...githubEnv,
  ...runsEnv,
  ...deliveriesEnv,
};

/** What an app's env.ts does, on a given environment instead of process.env. */
function parse(runtimeEnv: Record<string, string>) {
  return createEnv({
    server: everySlice,
    runtimeEnv: { ...runtimeEnv },
    emptyStringAsUndefined: true,
    onValidationError: onInvalidEnv,
  });
}

/** The message a start fails with. */
function failure(runtimeEnv: Record<string, string>): string {
  try {
    parse(runtimeEnv);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the environment to be rejected");
}

describe("shared env slices", () => {
  it("defaults: nothing set gives a working single-machine deployment", () => {
    const env = parse({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: resolve("./data"),
      LOG_LEVEL: "info",
      REDIS_URL: DEFAULT_REDIS_URL,
      QUEUE_PREFIX: "homebase",
      DATABASE_POOL_SIZE: 10,
      DEFAULT_STORAGE_QUOTA_BYTES,
      RUN_FILE_MAX_BYTES: DEFAULT_RUN_FILE_MAX_BYTES,
      MAIL_FROM: DEFAULT_MAIL_FROM,
      SLACK_WEBHOOK_HOSTS: ["hooks.slack.com"],
      GITHUB_BASE_URL: "https://github.com",
      RUN_HEARTBEAT_TIMEOUT_S: 300,
      WATCHDOG_INTERVAL_MS: 5000,
      DELIVERY_RETRY_BASE_MS,
    });
    for (const unset of [
      "PUBLIC_URL",
      "SECRET_KEY",
      "SMTP_URL",
      "DATABASE_URL",
      "BLOB_STORE_URL",
      "GITHUB_CLIENT_ID",
    ]) {
      expect(env[unset as keyof typeof env], unset).toBeUndefined();
    }
    expect(DEFAULT_STORAGE_QUOTA_BYTES).toBe(100_000_000_000);
    expect(DELIVERY_RETRY_BASE_MS).toBe(20_000);
  });

  it("an empty variable counts as unset", () => {
    expect(parse({ REDIS_URL: "", SLACK_WEBHOOK_HOSTS: "", PORT: "" })).toMatchObject({
      REDIS_URL: DEFAULT_REDIS_URL,
      SLACK_WEBHOOK_HOSTS: ["hooks.slack.com"],
      PORT: 3000,
    });
  });

  it("numbers are read from text", () => {
    expect(
      parse({ PORT: "8080", DEFAULT_STORAGE_QUOTA_BYTES: "5000000000", DELIVERY_RETRY_BASE_MS: "750" }),
    ).toMatchObject({ PORT: 8080, DEFAULT_STORAGE_QUOTA_BYTES: 5_000_000_000, DELIVERY_RETRY_BASE_MS: 750 });
  });

  it("REDIS_URL must be a redis:// or rediss:// URL (the API used to take any string)", () => {
    expect(parse({ REDIS_URL: "redis://:pw@redis.internal:6380/2" }).REDIS_URL).toBe(
      "redis://:pw@redis.internal:6380/2",
    );
    expect(parse({ REDIS_URL: "rediss://redis.example.com:6380" }).REDIS_URL).toBe("rediss://redis.example.com:6380");
    for (const bad of ["127.0.0.1:6379", "localhost", "http://127.0.0.1:6379", "tcp://127.0.0.1:6379"]) {
      expect(failure({ REDIS_URL: bad }), bad).toContain("REDIS_URL: must be a redis:// or rediss:// URL");
    }
  });

  it("QUEUE_PREFIX: letters, digits and : _ . - only (the API used to take any string)", () => {
    expect(parse({ QUEUE_PREFIX: "test-1f3e:a_b.c" }).QUEUE_PREFIX).toBe("test-1f3e:a_b.c");
    for (const bad of ["has space", "a*b", "{hash}"]) {
      expect(failure({ QUEUE_PREFIX: bad }), bad).toContain("QUEUE_PREFIX: must be letters, digits and : _ . - only");
    }
  });

  it("SLACK_WEBHOOK_HOSTS becomes a trimmed list of hosts and origins (the API used to keep the string)", () => {
    expect(parse({ SLACK_WEBHOOK_HOSTS: " hooks.slack.com , http://127.0.0.1:8080,,  " }).SLACK_WEBHOOK_HOSTS).toEqual([
      "hooks.slack.com",
      "http://127.0.0.1:8080",
    ]);
    expect(failure({ SLACK_WEBHOOK_HOSTS: " , " })).toContain("SLACK_WEBHOOK_HOSTS: must name at least one host");
    expect(failure({ SLACK_WEBHOOK_HOSTS: "hooks.slack.com,hooks.slack.com/services" })).toContain(
      'SLACK_WEBHOOK_HOSTS: must be hosts or origins separated by commas: "hooks.slack.com/services" is not a host name',
    );
    expect(failure({ SLACK_WEBHOOK_HOSTS: "ftp://files.example.com" })).toContain(
      '"ftp://files.example.com" is not an http(s) origin',
    );
  });

  it("URLs have the protocols they are used with", () => {
    expect(failure({ PUBLIC_URL: "homebase.example.com" })).toContain("PUBLIC_URL: must be an http:// or https:// URL");
    expect(failure({ SMTP_URL: "mail.example.com:587" })).toContain("SMTP_URL: must be an smtp:// or smtps:// URL");
    expect(failure({ GITHUB_BASE_URL: "github.example.com" })).toContain(
      "GITHUB_BASE_URL: must be an http:// or https://",
    );
    expect(parse({ PUBLIC_URL: "https://homebase.example.com", SMTP_URL: "smtps://u:p@mail:465" })).toMatchObject({
      PUBLIC_URL: "https://homebase.example.com",
      SMTP_URL: "smtps://u:p@mail:465",
    });
  });

  it("bad values give one line per variable, naming it, without the value", () => {
    const message = failure({
      PORT: "70000",
      LOG_LEVEL: "verbose",
      DEFAULT_STORAGE_QUOTA_BYTES: "100GB",
      DELIVERY_RETRY_BASE_MS: "-5",
      WATCHDOG_INTERVAL_MS: "10",
      SMTP_URL: "https://user:hunter2@mail.example.com",
      DATABASE_URL: "mysql://db",
    });
    expect(message.split("\n")).toEqual([
      "Invalid environment variables:",
      "  PORT: must be a port number (1-65535)",
      "  LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent",
      "  DATABASE_URL: file:…, postgres://… or postgresql://…",
      "  DEFAULT_STORAGE_QUOTA_BYTES: must be a whole number of bytes above 0",
      "  SMTP_URL: must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587",
      "  WATCHDOG_INTERVAL_MS: must be a whole number of milliseconds of at least 100",
      "  DELIVERY_RETRY_BASE_MS: must be a whole number of milliseconds above 0",
    ]);
    expect(message).not.toContain("hunter2");
  });

  it("the GitHub OAuth app needs both its id and its secret", () => {
    expect(githubAppFromEnv(parse({ GITHUB_CLIENT_ID: "id" }))).toBeUndefined();
    expect(
      githubAppFromEnv(
        parse({ GITHUB_CLIENT_ID: "id", GITHUB_CLIENT_SECRET: "s", GITHUB_BASE_URL: "http://127.0.0.1:9" }),
      ),
    ).toEqual({ clientId: "id", clientSecret: "s", baseUrl: "http://127.0.0.1:9" });
  });
});
