import { generateKeyPairSync, sign } from "node:crypto";
import { type FakeGithub, startFakeGithub } from "@homebase/fake-github";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

let github: FakeGithub;
let t: TestApp;
let nowMs: number;
beforeAll(async () => {
  github = await startFakeGithub();
});
afterAll(async () => {
  await github.close();
});
beforeEach(async () => {
  nowMs = Date.now();
  t = await createTestApp({ clock: { now: () => new Date(nowMs) }, config: { githubBaseUrl: github.url } });
});
afterEach(async () => {
  await t.close();
});

const ENDPOINT = "/api/v1/secret-scanning/github";
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const keyFetches = () => github.requests.filter((r) => r === "GET /api/v3/meta/public_keys/secret_scanning").length;

type Match = { token: unknown; type?: unknown; url?: unknown; source?: unknown };

/** Posts `body` as GitHub does: the raw text, signed by the fake GitHub's current key unless told otherwise. */
async function report(body: string, headers?: Record<string, string>) {
  const signed = github.signSecretScanning(body);
  return call(t, ENDPOINT, {
    method: "POST",
    body,
    headers: headers ?? {
      "content-type": "application/json",
      "GITHUB-PUBLIC-KEY-SIGNATURE": signed.signature,
      "GITHUB-PUBLIC-KEY-IDENTIFIER": signed.keyIdentifier,
    },
  });
}
const reportMatches = (matches: Match[]) => report(JSON.stringify(matches));

async function personalKey(cookie: string, name: string) {
  const res = await call(t, "/api/v1/me/api-keys", { cookie, json: { name } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; key: string };
}

/** The revoked-key e-mails queued for `to`, with where the key was found. */
async function revokedMails(to: string) {
  const jobs = await t.queues.queue("notifications").getJobs(["waiting", "delayed", "prioritized", "active"]);
  return jobs
    .filter((j) => j.name === "send-account-email" && j.data.to === to && j.data.kind === "api-key-revoked")
    .map((j) => ({ keyId: j.data.keyId as string, foundAt: j.data.foundAt as string | undefined }));
}

const listedKey = async (cookie: string, id: string) =>
  (await (await call(t, "/api/v1/me/api-keys", { cookie })).json()).items.find((k: { id: string }) => k.id === id);

describe("GitHub secret scanning", () => {
  it("revokes a leaked personal and service-account key at once, tells their owners where, labels them", async () => {
    const ada = await signUp(t, { username: "ada", email: "ada@example.com" });
    const leaked = await personalKey(ada.cookie, "laptop");
    const safe = await personalKey(ada.cookie, "desktop");
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "lab" } });
    const sa = await (
      await call(t, "/api/v1/teams/lab/service-accounts", { cookie: ada.cookie, json: { name: "ci" } })
    ).json();
    const saKey = await (
      await call(t, `/api/v1/teams/lab/service-accounts/${sa.id}/api-keys`, { cookie: ada.cookie, json: { name: "n" } })
    ).json();
    expect((await call(t, "/api/v1/viewer", { headers: bearer(saKey.key) })).status).toBe(200);

    const res = await reportMatches([
      {
        token: leaked.key,
        type: "homebase_api_key",
        url: "https://github.com/ada/dots/blob/abc/.env",
        source: "content",
      },
      { token: saKey.key, type: "homebase_api_key", url: "https://gist.github.com/ada/1", source: "gist" },
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { token_raw: leaked.key, token_type: "homebase_api_key", label: "true_positive" },
      { token_raw: saKey.key, token_type: "homebase_api_key", label: "true_positive" },
    ]);

    const dead = await call(t, "/api/v1/viewer", { headers: bearer(leaked.key) });
    expect(dead.status).toBe(401);
    expect((await call(t, "/api/v1/viewer", { headers: bearer(saKey.key) })).status).toBe(401);
    expect((await call(t, "/api/v1/viewer", { headers: bearer(safe.key) })).status).toBe(200);

    const listed = await listedKey(ada.cookie, leaked.id);
    expect(listed).toMatchObject({ revokedReason: "leaked", revokedAt: new Date(nowMs).toISOString() });
    expect((await listedKey(ada.cookie, safe.id)).revokedReason).toBeNull();
    const saList = await (await call(t, "/api/v1/teams/lab/service-accounts", { cookie: ada.cookie })).json();
    expect(saList.items[0].apiKeys[0]).toMatchObject({ id: saKey.id, revokedReason: "leaked" });

    // Ada owns the personal key and is the team's admin: one e-mail per key, each saying where.
    const mails = await revokedMails("ada@example.com");
    expect(mails.sort((a, b) => a.keyId.localeCompare(b.keyId))).toEqual(
      [
        { keyId: leaked.id, foundAt: "https://github.com/ada/dots/blob/abc/.env" },
        { keyId: saKey.id, foundAt: "https://gist.github.com/ada/1" },
      ].sort((a, b) => a.keyId.localeCompare(b.keyId)),
    );
  });

  it("revokes every key of a batch even when one match describes its place at great length", async () => {
    const ada = await signUp(t, { username: "ada", email: "ada@example.com" });
    const first = await personalKey(ada.cookie, "first");
    const second = await personalKey(ada.cookie, "second");
    const res = await reportMatches([
      {
        token: first.key,
        type: "homebase_api_key",
        url: `https://github.com/${"x".repeat(5000)}`,
        source: "s".repeat(999),
      },
      { token: second.key, type: "t".repeat(999), url: "https://github.com/ada/dots" },
    ]);
    expect(res.status).toBe(200);
    expect((await res.json()).map((r: { label: string }) => r.label)).toEqual(["true_positive", "true_positive"]);
    for (const key of [first, second]) {
      expect((await call(t, "/api/v1/viewer", { headers: bearer(key.key) })).status).toBe(401);
    }
  });

  it("labels tokens that are not live Homebase keys false_positive and tells no one", async () => {
    const ada = await signUp(t, { username: "ada", email: "ada@example.com" });
    const revoked = await personalKey(ada.cookie, "old");
    expect((await call(t, "/api/v1/api-keys/revoke", { json: { keys: [revoked.key] } })).status).toBe(202);
    const deleted = await personalKey(ada.cookie, "gone");
    await call(t, `/api/v1/me/api-keys/${deleted.id}`, { cookie: ada.cookie, method: "DELETE" });
    const live = await personalKey(ada.cookie, "live");
    const forged = `${live.key.slice(0, -10)}AAAAAAAAAA`;
    const before = (await revokedMails("ada@example.com")).length;

    const res = await reportMatches([
      { token: "ghp_notours", type: "github_token" },
      { token: revoked.key, type: "homebase_api_key", url: "https://github.com/x" },
      { token: deleted.key, type: "homebase_api_key" },
      { token: forged, type: "homebase_api_key" },
    ]);
    expect(res.status).toBe(200);
    expect((await res.json()).map((r: { label: string }) => r.label)).toEqual([
      "false_positive",
      "false_positive",
      "false_positive",
      "false_positive",
    ]);
    expect((await call(t, "/api/v1/viewer", { headers: bearer(live.key) })).status).toBe(200);
    expect(await revokedMails("ada@example.com")).toHaveLength(before);
    // Reported twice (GitHub retries): the second time it is no longer live.
    const again = await reportMatches([{ token: live.key, type: "t" }]);
    expect((await again.json())[0].label).toBe("true_positive");
    const third = await reportMatches([{ token: live.key, type: "t" }]);
    expect((await third.json())[0].label).toBe("false_positive");
  });

  it("refuses a payload signed with another key pair, or without or with a bad signature, and revokes nothing", async () => {
    const ada = await signUp(t, { username: "ada" });
    const key = await personalKey(ada.cookie, "laptop");
    const body = JSON.stringify([{ token: key.key, type: "homebase_api_key", url: "https://x" }]);
    const { keyIdentifier, signature } = github.signSecretScanning(body);
    const other = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const forged = sign("sha256", Buffer.from(body), { key: other.privateKey, dsaEncoding: "der" }).toString("base64");
    const headers = (sig?: string, id?: string) => ({
      "content-type": "application/json",
      ...(sig === undefined ? {} : { "GITHUB-PUBLIC-KEY-SIGNATURE": sig }),
      ...(id === undefined ? {} : { "GITHUB-PUBLIC-KEY-IDENTIFIER": id }),
    });
    const tampered = body.replace("https://x", "https://y");
    const attempts: [string, Record<string, string>][] = [
      [body, headers(forged, keyIdentifier)],
      [body, headers()],
      [body, headers(signature)],
      [body, headers(undefined, keyIdentifier)],
      [body, headers("not base64!", keyIdentifier)],
      [body, headers(Buffer.from("garbage").toString("base64"), keyIdentifier)],
      [body, headers(signature, "0".repeat(64))],
      [tampered, headers(signature, keyIdentifier)],
    ];
    for (const [payload, h] of attempts) {
      const res = await report(payload, h);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    }
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key.key) })).status).toBe(200);
    expect((await listedKey(ada.cookie, key.id)).revokedAt).toBeNull();
  });

  it("answers malformed payloads, once signed, with a problem and revokes nothing", async () => {
    const ada = await signUp(t, { username: "ada" });
    const key = await personalKey(ada.cookie, "laptop");
    const notJson = await report(`[{"token": "${key.key}"`);
    expect(notJson.status).toBe(400);
    for (const payload of [
      { token: key.key },
      [{ token: 42 }],
      [{ type: "x" }],
      [{ token: key.key }, "x"],
      Array(1001).fill({ token: "x", type: "t" }),
    ]) {
      const res = await report(JSON.stringify(payload));
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    }
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key.key) })).status).toBe(200);
    const empty = await reportMatches([]);
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual([]);
  });

  it("caches GitHub's keys, refetches for a rotated key, and does not hammer GitHub for made-up identifiers", async () => {
    const ada = await signUp(t, { username: "ada" });
    const key = await personalKey(ada.cookie, "laptop");
    const start = keyFetches();
    for (let i = 0; i < 3; i++) expect((await reportMatches([{ token: "nope", type: "t" }])).status).toBe(200);
    expect(keyFetches() - start).toBe(1);

    // A flood of unknown identifiers: at most one refetch a minute.
    nowMs += 61_000;
    const body = "[]";
    const { signature } = github.signSecretScanning(body);
    for (let i = 0; i < 20; i++) {
      const res = await report(body, {
        "content-type": "application/json",
        "GITHUB-PUBLIC-KEY-SIGNATURE": signature,
        "GITHUB-PUBLIC-KEY-IDENTIFIER": `made-up-${i}`,
      });
      expect(res.status).toBe(401);
    }
    expect(keyFetches() - start).toBe(2);

    // GitHub rotates its key: the new identifier is fetched (once the minute has passed) and verifies.
    github.rotateSecretScanningKey();
    nowMs += 61_000;
    const res = await reportMatches([{ token: key.key, type: "t", url: "https://x" }]);
    expect(res.status).toBe(200);
    expect((await res.json())[0].label).toBe("true_positive");
    expect(keyFetches() - start).toBe(3);

    // After an hour the cache expires and the keys are fetched again.
    nowMs += 3600_000;
    expect((await reportMatches([])).status).toBe(200);
    expect(keyFetches() - start).toBe(4);
  });

  it("is in the OpenAPI document", async () => {
    const doc = await (await call(t, "/api/openapi.json")).json();
    const op = doc.paths["/api/v1/secret-scanning/github"].post;
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "401"]));
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["GITHUB-PUBLIC-KEY-SIGNATURE", "GITHUB-PUBLIC-KEY-IDENTIFIER"]),
    );
  });
});

describe("GitHub secret scanning when GitHub is unreachable", () => {
  it("answers 503 and revokes nothing", async () => {
    const down = await createTestApp({ config: { githubBaseUrl: "http://127.0.0.1:9" } });
    try {
      const body = "[]";
      const signed = github.signSecretScanning(body);
      const res = await down.app.request(ENDPOINT, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "GITHUB-PUBLIC-KEY-SIGNATURE": signed.signature,
          "GITHUB-PUBLIC-KEY-IDENTIFIER": signed.keyIdentifier,
        },
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("60");
    } finally {
      await down.close();
    }
  });
});
