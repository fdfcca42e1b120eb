import { tables } from "@homebase/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countRows } from "../testing/rows";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const count = (table: "storageObjects" | "runs" | "teams" | "apiKeys") => countRows(t.db, tables(t.db)[table]);

async function keyed() {
  const ada = await signUp(t, { username: "ada" });
  const { key } = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name: "k" } })).json();
  return { ada, auth: { authorization: `Bearer ${key}` } };
}

const batch = {
  objects: [
    { project: "p", kind: "artifact", path: "a", size: 10, digest: "d1" },
    { project: "p", kind: "artifact", path: "b", size: 20, digest: "d2" },
  ],
};

describe("Idempotency-Key", () => {
  it("replays the first answer of a storage batch and stores it once", async () => {
    const { auth } = await keyed();
    const headers = { ...auth, "idempotency-key": "batch-2026-11-30-001" };
    const first = await call(t, "/api/v1/storage/objects/batch", { headers, json: batch });
    expect(first.status).toBe(201);
    const retry = await call(t, "/api/v1/storage/objects/batch", { headers, json: batch });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toEqual(await first.json());
    expect(await count("storageObjects")).toBe(2);

    const other = await call(t, "/api/v1/storage/objects/batch", {
      headers,
      json: { objects: [batch.objects[0]] },
    });
    expect(other.status).toBe(422);
    expect((await other.json()).detail).toMatch(/different request/);
    expect(await count("storageObjects")).toBe(2);
  });

  it("keeps keys per caller, and makes runs, alerts and teams once", async () => {
    const { ada, auth } = await keyed();
    const run1 = await call(t, "/api/v1/runs", {
      headers: { ...auth, "idempotency-key": "run-1" },
      json: { project: "p" },
    });
    const run1again = await call(t, "/api/v1/runs", {
      headers: { ...auth, "idempotency-key": "run-1" },
      json: { project: "p" },
    });
    expect((await run1again.json()).id).toBe((await run1.json()).id);
    expect(await count("runs")).toBe(1);
    const eve = await signUp(t, { username: "eve" });
    const { key: eveKey } = await (
      await call(t, "/api/v1/me/api-keys", { cookie: eve.cookie, json: { name: "k" } })
    ).json();
    // Another caller's same key is another key.
    const evesRun = await call(t, "/api/v1/runs", {
      headers: { authorization: `Bearer ${eveKey}`, "idempotency-key": "run-1" },
      json: { project: "p" },
    });
    expect(evesRun.status).toBe(201);
    expect(evesRun.headers.get("idempotent-replayed")).toBeNull();
    expect(await count("runs")).toBe(2);

    const team = () =>
      call(t, "/api/v1/teams", { cookie: ada.cookie, headers: { "idempotency-key": "team-1" }, json: { name: "lab" } });
    expect((await team()).status).toBe(201);
    expect((await team()).status).toBe(201);
    expect(await count("teams")).toBe(1);
  });

  it("never replays an API key's secret: the retry names the key created", async () => {
    const ada = await signUp(t, { username: "ada" });
    const create = () =>
      call(t, "/api/v1/me/api-keys", {
        cookie: ada.cookie,
        headers: { "idempotency-key": "k-1" },
        json: { name: "ci" },
      });
    const first = await create();
    expect(first.status).toBe(201);
    const { id, key } = await first.json();
    const retry = await create();
    expect(retry.status).toBe(409);
    const text = await retry.text();
    expect(text).toContain(id);
    expect(text).not.toContain(key);
    const stored = await t.db.select().from(tables(t.db).idempotencyKeys);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(await count("apiKeys")).toBe(1);
  });

  it("refuses a malformed key", async () => {
    const { auth } = await keyed();
    const res = await call(t, "/api/v1/runs", {
      headers: { ...auth, "idempotency-key": "x".repeat(300) },
      json: { project: "p" },
    });
    expect(res.status).toBe(400);
  });
});
