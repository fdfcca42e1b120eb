import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mountSmallDisk, type SmallDisk } from "../testing/small-disk";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

/*
 * The SQLite file (and DATA_DIR, where it lives in production) on a full file system: a small
 * tmpfs this test mounts (these machines run tests as root; mounting is how an operator's full
 * disk is reproduced honestly, without mocks). SQLite only (see vitest.config.ts): a PostgreSQL
 * server's disk is not the API's to fill. full-disk.test.ts covers a full DATA_DIR on both.
 */

let disk: SmallDisk;
let t: TestApp;
beforeAll(async () => {
  disk = mountSmallDisk();
  const dataDir = join(disk.path, "data");
  mkdirSync(dataDir);
  t = await createTestApp({ dataDir, sqliteDir: dataDir });
});
afterAll(async () => {
  await t?.close();
  disk?.unmount();
});

/** Fills the file system, after moving SQLite's WAL into the database so every new write needs room. */
function fillDisk(): string {
  t.db.all(sql`pragma wal_checkpoint(TRUNCATE)`);
  return disk.fill();
}

describe("a full disk under the SQLite file", () => {
  it("refuses writes with 507, keeps reads working, makes /readyz 503, and recovers when space is freed", async () => {
    const ada = await signUp(t, { username: "ada" });
    const { key } = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name: "k" } })).json();
    const bearer = { authorization: `Bearer ${key}` };
    expect((await call(t, "/readyz")).status).toBe(200);

    const filler = fillDisk();
    const signup = await call(t, "/api/v1/auth/signup", {
      json: { username: "bob", email: "bob@example.com", password: "correct horse battery" },
    });
    expect(signup.status).toBe(507);
    expect(signup.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await signup.json()).detail).toMatch(/storage is full/);
    const batch = await call(t, "/api/v1/storage/objects/batch", {
      headers: bearer,
      json: {
        objects: Array.from({ length: 200 }, (_, i) => ({
          project: "p",
          kind: "other",
          path: `f${i}`,
          size: 1,
          digest: `${"d".repeat(60)}${i}`,
        })),
      },
    });
    expect(batch.status).toBe(507);
    // Reads never fail because of best-effort bookkeeping (the key's last use, the session's last seen).
    expect((await call(t, "/api/v1/viewer", { headers: bearer })).status).toBe(200);
    expect((await call(t, "/api/v1/viewer", { cookie: ada.cookie })).status).toBe(200);
    const ready = await call(t, "/readyz");
    expect(ready.status).toBe(503);
    expect((await ready.json()).checks.storage).toBe("full");

    rmSync(filler);
    expect((await call(t, "/readyz")).status).toBe(200);
    const again = await call(t, "/api/v1/auth/signup", {
      json: { username: "bob", email: "bob@example.com", password: "correct horse battery" },
    });
    expect(again.status).toBe(201);
  });
});
