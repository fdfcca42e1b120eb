import { tables } from "@homebase/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseTrustedProxies } from "../lib/client-ip";
import { countRows } from "../testing/rows";
import { accountEmailsTo, call, createTestApp, signUp, type TestApp } from "../testing/test-app";

let t: TestApp;
let nowMs: number;
beforeEach(async () => {
  nowMs = Date.now();
  t = await createTestApp({
    clock: { now: () => new Date(nowMs) },
    config: { trustedProxies: parseTrustedProxies("*") },
  });
});
afterEach(async () => {
  await t.close();
});

const DAY = 24 * 3600_000;
const bearer = (key: string, ip = "198.51.100.1") => ({ authorization: `Bearer ${key}`, "x-forwarded-for": ip });

async function createKey(cookie: string, body: Record<string, unknown>) {
  return call(t, "/api/v1/me/api-keys", { cookie, json: body });
}

describe("API key scope and expiry", () => {
  it("creates keys with a scope and an expiry, and refuses a past expiry", async () => {
    const ada = await signUp(t, { username: "ada" });
    const expiresAt = new Date(nowMs + 30 * DAY).toISOString();
    const res = await createKey(ada.cookie, { name: "reader", scope: "read", expiresAt });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      scope: "read",
      expiresAt,
      revokedAt: null,
      revokedReason: null,
      recentAddresses: [],
    });
    const past = await createKey(ada.cookie, { name: "old", expiresAt: new Date(nowMs - 1000).toISOString() });
    expect(past.status).toBe(422);
    expect((await past.json()).errors[0].path).toBe("expiresAt");
    const plain = await (await createKey(ada.cookie, { name: "plain" })).json();
    expect(plain).toMatchObject({ scope: "full", expiresAt: null });
  });

  it("lets a read key read, and refuses it everything else with 403 naming the missing scope", async () => {
    const ada = await signUp(t, { username: "ada" });
    const { key } = await (await createKey(ada.cookie, { name: "reader", scope: "read" })).json();
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key) })).status).toBe(200);
    const write = await call(t, "/api/v1/runs", { headers: bearer(key), json: { project: "p" } });
    expect(write.status).toBe(403);
    expect((await write.json()).detail).toMatch(/missing scope: full/);
    const stream = await call(t, "/files/ada/p/run1/file_stream", {
      headers: bearer(key),
      method: "POST",
      body: "{}",
    });
    expect(stream.status).toBe(403);
    const mutation = await call(t, "/graphql", {
      headers: bearer(key),
      json: {
        query:
          "mutation UpsertBucket($name: String, $project: String) { upsertBucket(input: {name: $name, modelName: $project}) { inserted } }",
        variables: { name: "r1", project: "p" },
      },
    });
    expect((await mutation.json()).errors[0].message).toMatch(/missing scope: full/);
    const query = await call(t, "/graphql", { headers: bearer(key), json: { query: "{ viewer { username } }" } });
    expect((await query.json()).data.viewer.username).toBe("ada");
  });

  it("refuses an expired key with 401 saying so, and lists it as expired", async () => {
    const ada = await signUp(t, { username: "ada" });
    const { key, id } = await (
      await createKey(ada.cookie, { name: "short", expiresAt: new Date(nowMs + 3600_000).toISOString() })
    ).json();
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key) })).status).toBe(200);
    nowMs += 2 * 3600_000;
    const res = await call(t, "/api/v1/viewer", { headers: bearer(key) });
    expect(res.status).toBe(401);
    expect((await res.json()).detail).toMatch(/expired on/);
    // The wandb SDK shows GraphQL errors, not a problem's detail: /graphql carries both.
    const graphql = await call(t, "/graphql", { headers: bearer(key), json: { query: "{ viewer { username } }" } });
    expect(graphql.status).toBe(401);
    const body = await graphql.json();
    expect(body.detail).toMatch(/expired on/);
    expect(body.errors).toEqual([{ message: body.detail }]);
    const list = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie })).json();
    expect(list.items.find((k: { id: string }) => k.id === id)).toMatchObject({ revokedReason: "expired" });
  });

  it("caps lifetimes at the organisation's maximum", async () => {
    const admin = await signUp(t, { username: "root" });
    const set = await call(t, "/api/v1/admin/settings", {
      cookie: admin.cookie,
      method: "PATCH",
      json: { maxApiKeyLifetimeDays: 30 },
    });
    expect(await set.json()).toMatchObject({ maxApiKeyLifetimeDays: 30 });
    expect((await createKey(admin.cookie, { name: "forever" })).status).toBe(422);
    const tooLong = await createKey(admin.cookie, {
      name: "long",
      expiresAt: new Date(nowMs + 60 * DAY).toISOString(),
    });
    expect(tooLong.status).toBe(422);
    expect((await tooLong.json()).detail).toMatch(/at most 30 days/);
    expect(
      (await createKey(admin.cookie, { name: "week", expiresAt: new Date(nowMs + 7 * DAY).toISOString() })).status,
    ).toBe(201);
    // Everyone can learn the maximum before choosing, not only the organisation's admins.
    const bob = await signUp(t, { username: "bob" });
    const listed = await (await call(t, "/api/v1/me/api-keys", { cookie: bob.cookie })).json();
    expect(listed.maxLifetimeDays).toBe(30);
    const bad = await call(t, "/api/v1/admin/settings", {
      cookie: admin.cookie,
      method: "PATCH",
      json: { maxApiKeyLifetimeDays: 0 },
    });
    expect(bad.status).toBe(422);
  });
});

describe("expiry at the organisation's maximum", () => {
  /** Sets the maximum as `admin` (the first account, which is the organisation's admin). */
  async function withMaximum(days: number, admin: { cookie: string }) {
    const set = await call(t, "/api/v1/admin/settings", {
      cookie: admin.cookie,
      method: "PATCH",
      json: { maxApiKeyLifetimeDays: days },
    });
    expect(set.status).toBe(200);
  }

  it("takes the maximum counted on a browser clock a few minutes fast as the maximum", async () => {
    const admin = await signUp(t, { username: "root" });
    await withMaximum(30, admin);
    const fast = await createKey(admin.cookie, {
      name: "fast clock",
      expiresAt: new Date(nowMs + 30 * DAY + 3 * 60_000).toISOString(),
    });
    expect(fast.status).toBe(201);
    expect((await fast.json()).expiresAt).toBe(new Date(nowMs + 30 * DAY).toISOString());
    const hoursOver = await createKey(admin.cookie, {
      name: "too long",
      expiresAt: new Date(nowMs + 30 * DAY + 2 * 3600_000).toISOString(),
    });
    expect(hoursOver.status).toBe(422);
  });

  it("caps a rotated key's lifetime at a maximum set after the old key was made", async () => {
    const ada = await signUp(t, { username: "ada" });
    const forever = await (await createKey(ada.cookie, { name: "forever" })).json();
    const far = await (await createKey(ada.cookie, { name: "far", expiresAt: "9999-12-31T23:59:59Z" })).json();
    await withMaximum(30, ada);
    for (const old of [forever, far]) {
      const rotated = await call(t, `/api/v1/me/api-keys/${old.id}/rotate`, { cookie: ada.cookie, method: "POST" });
      expect(rotated.status).toBe(201);
      expect((await rotated.json()).expiresAt).toBe(new Date(nowMs + 30 * DAY).toISOString());
    }
  });

  it("never rotates a key past year 9999", async () => {
    const ada = await signUp(t, { username: "ada" });
    const far = await (await createKey(ada.cookie, { name: "far", expiresAt: "9999-12-31T23:59:59Z" })).json();
    nowMs += DAY;
    const rotated = await (
      await call(t, `/api/v1/me/api-keys/${far.id}/rotate`, { cookie: ada.cookie, method: "POST" })
    ).json();
    expect(rotated.expiresAt).toBe("9999-12-31T23:59:59.999Z");
  });
});

describe("rotation", () => {
  it("gives a new key with the same name, scope and lifetime; the old one stops at once", async () => {
    const ada = await signUp(t, { username: "ada" });
    const old = await (
      await createKey(ada.cookie, { name: "ci", scope: "read", expiresAt: new Date(nowMs + 10 * DAY).toISOString() })
    ).json();
    nowMs += DAY;
    const rotated = await call(t, `/api/v1/me/api-keys/${old.id}/rotate`, { cookie: ada.cookie, method: "POST" });
    expect(rotated.status).toBe(201);
    const next = await rotated.json();
    expect(next).toMatchObject({ name: "ci", scope: "read", expiresAt: new Date(nowMs + 10 * DAY).toISOString() });
    expect(next.key).toMatch(/^hb_v1_/);
    expect((await call(t, "/api/v1/viewer", { headers: bearer(next.key) })).status).toBe(200);
    const dead = await call(t, "/api/v1/viewer", { headers: bearer(old.key) });
    expect(dead.status).toBe(401);
    expect((await dead.json()).detail).toMatch(/was rotated/);
    const list = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie })).json();
    expect(list.items.find((k: { id: string }) => k.id === old.id)).toMatchObject({ revokedReason: "rotated" });
    expect((await call(t, `/api/v1/me/api-keys/${old.id}/rotate`, { cookie: ada.cookie, method: "POST" })).status).toBe(
      404,
    );
    const eve = await signUp(t, { username: "eve" });
    expect(
      (await call(t, `/api/v1/me/api-keys/${next.id}/rotate`, { cookie: eve.cookie, method: "POST" })).status,
    ).toBe(404);
  });
});

describe("service-account keys", () => {
  it("take a scope and an expiry, list them, and rotate like personal keys", async () => {
    const ada = await signUp(t, { username: "ada" });
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "lab" } });
    const sa = await (
      await call(t, "/api/v1/teams/lab/service-accounts", { cookie: ada.cookie, json: { name: "ci" } })
    ).json();
    const expiresAt = new Date(nowMs + 7 * DAY).toISOString();
    const created = await call(t, `/api/v1/teams/lab/service-accounts/${sa.id}/api-keys`, {
      cookie: ada.cookie,
      json: { name: "nightly", scope: "read", expiresAt },
    });
    expect(created.status).toBe(201);
    const key = await created.json();
    expect(key).toMatchObject({ scope: "read", expiresAt });
    const past = await call(t, `/api/v1/teams/lab/service-accounts/${sa.id}/api-keys`, {
      cookie: ada.cookie,
      json: { name: "x", expiresAt: new Date(nowMs - DAY).toISOString() },
    });
    expect(past.status).toBe(422);
    expect((await call(t, "/api/v1/runs", { headers: bearer(key.key), json: { project: "p" } })).status).toBe(403);
    const rotated = await call(t, `/api/v1/teams/lab/service-accounts/${sa.id}/api-keys/${key.id}/rotate`, {
      cookie: ada.cookie,
      method: "POST",
    });
    expect(rotated.status).toBe(201);
    const next = await rotated.json();
    expect(next).toMatchObject({ name: "nightly", scope: "read" });
    expect((await call(t, "/api/v1/viewer", { headers: bearer(next.key) })).status).toBe(200);
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key.key) })).status).toBe(401);
    const list = await (await call(t, "/api/v1/teams/lab/service-accounts", { cookie: ada.cookie })).json();
    const reasons = list.items[0].apiKeys.map((k: { revokedReason: string | null }) => k.revokedReason).sort();
    expect(reasons).toEqual(["rotated", null].sort());
  });
});

describe("public revocation", () => {
  it("answers 202 whatever the keys, revokes the genuine live ones and tells their owners", async () => {
    const ada = await signUp(t, { username: "ada", email: "ada@example.com" });
    const live = await (await createKey(ada.cookie, { name: "leaky" })).json();
    const other = await (await createKey(ada.cookie, { name: "safe" })).json();
    const deleted = await (await createKey(ada.cookie, { name: "gone" })).json();
    await call(t, `/api/v1/me/api-keys/${deleted.id}`, { cookie: ada.cookie, method: "DELETE" });
    // The right ID with a wrong secret: not genuine, revokes nothing.
    const forged = `${other.key.slice(0, -10)}AAAAAAAAAA`;
    const res = await call(t, "/api/v1/api-keys/revoke", {
      json: { keys: [live.key, deleted.key, forged, "not a key", "hb_v1_x"] },
    });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe("");
    expect((await call(t, "/api/v1/viewer", { headers: bearer(live.key) })).status).toBe(401);
    expect((await call(t, "/api/v1/viewer", { headers: bearer(other.key) })).status).toBe(200);
    const mails = await accountEmailsTo(t, "ada@example.com");
    expect(mails.filter((m) => m.kind === "api-key-revoked")).toHaveLength(1);
    const tooMany = await call(t, "/api/v1/api-keys/revoke", { json: { keys: Array(101).fill("x") } });
    expect(tooMany.status).toBe(422);
  });
});

describe("where a key was used", () => {
  it("records recent addresses without a write per request, and tells the owner of a new one once", async () => {
    const ada = await signUp(t, { username: "ada", email: "ada@example.com" });
    const { key, id } = await (await createKey(ada.cookie, { name: "laptop" })).json();
    for (let i = 0; i < 20; i++)
      await call(t, "/api/v1/viewer", { headers: { ...bearer(key, "203.0.113.9"), "user-agent": "wandb-core" } });
    await call(t, "/api/v1/viewer", { headers: bearer(key, "203.0.113.10") });
    await expect
      .poll(async () => {
        const list = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie })).json();
        return list.items
          .find((k: { id: string }) => k.id === id)
          .recentAddresses.map((a: { address: string }) => a.address)
          .sort();
      })
      .toEqual(["203.0.113.10", "203.0.113.9"]);
    await expect
      .poll(
        async () =>
          (await accountEmailsTo(t, "ada@example.com")).filter((m) => m.kind === "api-key-new-address").length,
      )
      .toBe(2);
    expect(await countRows(t.db, tables(t.db).apiKeyAddresses)).toBe(2);
  });
});
