import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mountSmallDisk, type SmallDisk } from "../testing/small-disk";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

/*
 * DATA_DIR (blobs: avatars, run files) on a full file system, with the database elsewhere (a
 * PostgreSQL server, or a SQLite file on another disk): a small tmpfs this test mounts (these
 * machines run tests as root; mounting is how an operator's full disk is reproduced honestly,
 * without mocks). full-disk-sqlite.test.ts fills the disk under the SQLite file itself.
 */

let disk: SmallDisk;
let t: TestApp;
beforeAll(async () => {
  disk = mountSmallDisk();
  const dataDir = join(disk.path, "data");
  mkdirSync(dataDir);
  t = await createTestApp({ dataDir });
});
afterAll(async () => {
  await t?.close();
  disk?.unmount();
});

const avatar = () =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .png()
    .toBuffer();

const uploadAvatar = async (cookie: string) =>
  call(t, "/api/v1/me/avatar", {
    cookie,
    method: "PUT",
    body: await avatar(),
    headers: { "content-type": "image/png" },
  });

describe("a full DATA_DIR", () => {
  it("refuses uploads with 507 and leaves nothing behind, keeps the rest working, makes /readyz 503, and recovers", async () => {
    const ada = await signUp(t, { username: "ada" });
    expect((await call(t, "/readyz")).status).toBe(200);

    const filler = disk.fill();
    const upload = await uploadAvatar(ada.cookie);
    expect(upload.status).toBe(507);
    expect(upload.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await upload.json()).detail).toMatch(/storage is full/);
    // No half-written file, and the profile still shows no avatar.
    expect(readdirSync(t.dataDir, { recursive: true }).filter((f) => String(f).includes("."))).toEqual([]);
    expect((await (await call(t, "/api/v1/me", { cookie: ada.cookie })).json()).avatarUrl).toBeNull();
    // What lives in the database alone goes on: here a new account.
    expect((await call(t, "/api/v1/viewer", { cookie: ada.cookie })).status).toBe(200);
    const bob = await signUp(t, { username: "bob" });
    expect(bob.user.username).toBe("bob");
    const ready = await call(t, "/readyz");
    expect(ready.status).toBe(503);
    expect((await ready.json()).checks).toMatchObject({ database: "ok", storage: "full" });

    rmSync(filler);
    expect((await call(t, "/readyz")).status).toBe(200);
    const again = await uploadAvatar(ada.cookie);
    expect(again.status).toBe(200);
    const { avatarUrl } = await again.json();
    expect((await call(t, avatarUrl)).status).toBe(200);
  });
});
