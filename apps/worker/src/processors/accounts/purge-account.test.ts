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
import { type FakeGithub, startFakeGithub } from "@homebase/fake-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerHarness, type WorkerHarness } from "../../testing/harness";

let github: FakeGithub;
let w: WorkerHarness;

beforeAll(async () => {
  github = await startFakeGithub();
  w = await startWorkerHarness({
    schedules: false,
    config: { github: { clientId: github.clientId, clientSecret: github.clientSecret, baseUrl: github.url } },
  });
});

afterAll(async () => {
  await w?.close();
  await github?.close();
});

function rowsMentioning(id: string): number {
  const sqlite = w.db.$client;
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
    const ada = await createUser(w.db, {
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
    await saveGithubConnection(w.db, {
      userId: ada.id,
      login: "octo-ada",
      githubId: 1,
      avatarUrl: null,
      scopes: "",
      tokenEncrypted: encryptSecret(token, w.config.encryptionKey),
      now: new Date(),
    });
    const avatar = "0123456789abcdef0123456789abcdef.webp";
    mkdirSync(join(w.testDb.dir, "avatars"), { recursive: true });
    writeFileSync(join(w.testDb.dir, "avatars", avatar), "img");
    await setAvatarKey(w.db, ada.id, avatar);
    const project = await ensureProject(w.db, { entityId: ada.id, name: "p", userId: ada.id });
    await insertStorageObjects(w.db, {
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
    expect((await deleteAccount(w.db, { userId: ada.id, now: new Date() })).ok).toBe(true);
    await w.queues.enqueue("purge-account", { userId: ada.id }, { jobId: `purge-${ada.id}` });
    await expect.poll(() => rowsMentioning(ada.id), { timeout: 10_000 }).toBe(0);
    expect(github.revoked).toContain(token);
    expect(existsSync(join(w.testDb.dir, "avatars", avatar))).toBe(false);
  });

  it("a pending purge whose job was lost is picked up by the sweeper", async () => {
    const bob = await createUser(w.db, {
      username: "purge-bob",
      email: "purge-bob@example.com",
      passwordHash: "x",
    });
    await deleteAccount(w.db, { userId: bob.id, now: new Date() });
    await w.queues.enqueue("sweep-account-purges", {});
    await expect.poll(() => rowsMentioning(bob.id), { timeout: 10_000 }).toBe(0);
  });
});
