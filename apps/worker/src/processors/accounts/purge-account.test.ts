import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encryptSecret } from "@homebase/core";
import {
  createUser,
  deleteAccount,
  ensureProject,
  insertStorageObjects,
  saveGithubConnection,
  setAvatarKey,
} from "@homebase/db";
import { createTestDb, type TestDb } from "@homebase/db/testing";
import { type FakeGithub, startFakeGithub } from "@homebase/fake-github";
import { createQueues, type Queues } from "@homebase/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkerConfig } from "../../config";
import { createLogger } from "../../logger";
import { testWorkerConfig } from "../../testing/config";
import { createTestRedis, type TestRedis } from "../../testing/redis";
import { createWorkerRuntime, type WorkerRuntime } from "../../worker";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

let testDb: TestDb;
let redis: TestRedis;
let github: FakeGithub;
let config: WorkerConfig;
let runtime: WorkerRuntime;
let queues: Queues;

beforeAll(async () => {
  testDb = createTestDb();
  redis = await createTestRedis(REDIS_URL);
  github = await startFakeGithub();
  config = testWorkerConfig({
    dataDir: testDb.dir,
    github: { clientId: github.clientId, clientSecret: github.clientSecret, baseUrl: github.url },
  });
  runtime = createWorkerRuntime({
    db: testDb.db,
    connection: redis.connection,
    prefix: redis.prefix,
    logger: createLogger("silent"),
    config,
    schedules: false,
  });
  await runtime.ready;
  queues = createQueues({ connection: redis.connection, prefix: redis.prefix });
});

afterAll(async () => {
  await queues?.close();
  await runtime?.close();
  await redis?.cleanup();
  await github?.close();
  testDb?.cleanup();
});

function rowsMentioning(id: string): number {
  const sqlite = testDb.db.$client;
  const tables = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[];
  let n = 0;
  for (const { name } of tables) {
    const cols = sqlite.prepare(`pragma table_info("${name}")`).all() as { name: string }[];
    for (const c of cols)
      n += (
        sqlite.prepare(`select count(*) as n from "${name}" where cast("${c.name}" as text) = ?`).get(id) as {
          n: number;
        }
      ).n;
  }
  return n;
}

describe("purge-account", () => {
  it("revokes the GitHub token, removes the avatar and leaves no row of the user", async () => {
    const ada = await createUser(testDb.db, {
      username: "purge-ada",
      email: "purge-ada@example.com",
      passwordHash: "x",
    });
    // A real token of the fake GitHub, stored as the API stores it.
    const exchange = await fetch(`${github.url}/login/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        client_id: github.clientId,
        client_secret: github.clientSecret,
        code: github.issueCode(),
      }),
    });
    const { access_token: token } = (await exchange.json()) as { access_token: string };
    await saveGithubConnection(testDb.db, {
      userId: ada.id,
      login: "octo-ada",
      githubId: 1,
      avatarUrl: null,
      scopes: "",
      tokenEncrypted: encryptSecret(token, config.encryptionKey),
      now: new Date(),
    });
    const avatar = "0123456789abcdef0123456789abcdef.webp";
    mkdirSync(join(testDb.dir, "avatars"), { recursive: true });
    writeFileSync(join(testDb.dir, "avatars", avatar), "img");
    await setAvatarKey(testDb.db, ada.id, avatar);
    const project = await ensureProject(testDb.db, { entityId: ada.id, name: "p", userId: ada.id });
    await insertStorageObjects(testDb.db, {
      now: new Date(),
      objects: Array.from({ length: 30 }, (_, i) => ({
        entityId: ada.id,
        projectId: project.id,
        kind: "other" as const,
        path: `f${i}`,
        size: 1,
        digest: `d${i}`,
      })),
    });
    expect((await deleteAccount(testDb.db, { userId: ada.id, now: new Date() })).ok).toBe(true);
    await queues.enqueue("purge-account", { userId: ada.id }, { jobId: `purge-${ada.id}` });
    await expect.poll(() => rowsMentioning(ada.id), { timeout: 10_000 }).toBe(0);
    expect(github.revoked).toContain(token);
    expect(existsSync(join(testDb.dir, "avatars", avatar))).toBe(false);
  });

  it("a pending purge whose job was lost is picked up by the sweeper", async () => {
    const bob = await createUser(testDb.db, {
      username: "purge-bob",
      email: "purge-bob@example.com",
      passwordHash: "x",
    });
    await deleteAccount(testDb.db, { userId: bob.id, now: new Date() });
    await queues.enqueue("sweep-account-purges", {});
    await expect.poll(() => rowsMentioning(bob.id), { timeout: 10_000 }).toBe(0);
  });
});
