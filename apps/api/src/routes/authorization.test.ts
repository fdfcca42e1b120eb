import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

/*
 * Every route of the OpenAPI document that names a resource by a path parameter, called by
 * someone who has nothing to do with that resource — another user by cookie, by Bearer key and
 * by Basic key, and an unrelated team's service-account key — must answer 401, 403 or 404,
 * never 2xx (and never 5xx), and must change nothing. A new route with a parameter this test
 * does not know fails it, so the list stays complete.
 */

let t: TestApp;
const owned: Record<string, string> = {};
const callers: Record<string, Record<string, string>> = {};
let adaKey = "";
let adaCookie = "";

/** Routes that are public by design: anyone may read them. */
const PUBLIC = new Set([
  "GET /api/v1/users/{username}",
  "GET /api/v1/avatars/{key}",
  "GET /api/v1/integrations/github/callback",
]);
/** Parameters that name the caller's own things (a beta feature of the caller's own settings). */
const OWN_SCOPE = new Set(["PUT /api/v1/me/beta-features/{key}"]);

const BODIES: Record<string, unknown> = {
  "POST /api/v1/runs/{id}/finish": { exitCode: 0 },
  "POST /api/v1/runs/{id}/alerts": { title: "T", text: "x" },
  "PATCH /api/v1/teams/{team}": { displayName: "taken over" },
  "POST /api/v1/teams/{team}/members": { username: "eve", role: "admin" },
  "PATCH /api/v1/teams/{team}/members/{username}": { role: "member" },
  "POST /api/v1/teams/{team}/service-accounts": { name: "intruder" },
  "PATCH /api/v1/teams/{team}/service-accounts/{sa}": { name: "renamed" },
  "POST /api/v1/teams/{team}/service-accounts/{sa}/api-keys": { name: "intruder" },
  "PUT /api/v1/admin/entities/{entity}/quota": { quotaBytes: 1 },
};

beforeAll(async () => {
  t = await createTestApp();
  await signUp(t, { username: "root" }); // the organisation admin, so nobody below is one
  const ada = await signUp(t, { username: "ada" });
  adaCookie = ada.cookie;
  const key = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name: "k" } })).json();
  adaKey = key.key;
  owned.keyId = key.id;
  await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "ateam" } });
  const sa = await (
    await call(t, "/api/v1/teams/ateam/service-accounts", { cookie: ada.cookie, json: { name: "ci" } })
  ).json();
  owned.sa = sa.id;
  owned.saKeyId = (
    await (
      await call(t, `/api/v1/teams/ateam/service-accounts/${sa.id}/api-keys`, {
        cookie: ada.cookie,
        json: { name: "k" },
      })
    ).json()
  ).id;
  const run = await (
    await call(t, "/api/v1/runs", {
      headers: { authorization: `Bearer ${adaKey}` },
      json: { project: "p", entity: "ada" },
    })
  ).json();
  owned.runServerId = run.id;
  owned.runId = run.runId;
  owned.objectId = String(
    (
      await (
        await call(t, "/api/v1/storage/objects", {
          headers: { authorization: `Bearer ${adaKey}` },
          json: { project: "p", kind: "other", path: "a", size: 5, digest: "d", entity: "ada" },
        })
      ).json()
    ).id,
  );
  owned.jobId = (
    await (await call(t, "/api/v1/entities/ada/storage/recalculate", { cookie: ada.cookie, method: "POST" })).json()
  ).jobId;
  owned.sessionId = (await (await call(t, "/api/v1/me/sessions", { cookie: ada.cookie })).json()).items[0].id;

  const eve = await signUp(t, { username: "eve" });
  const eveKey = (await (await call(t, "/api/v1/me/api-keys", { cookie: eve.cookie, json: { name: "k" } })).json()).key;
  await call(t, "/api/v1/teams", { cookie: eve.cookie, json: { name: "eteam" } });
  const esa = await (
    await call(t, "/api/v1/teams/eteam/service-accounts", { cookie: eve.cookie, json: { name: "x" } })
  ).json();
  const esaKey = (
    await (
      await call(t, `/api/v1/teams/eteam/service-accounts/${esa.id}/api-keys`, {
        cookie: eve.cookie,
        json: { name: "k" },
      })
    ).json()
  ).key;
  callers.cookie = { cookie: eve.cookie, origin: "http://localhost:3000" };
  callers.bearer = { authorization: `Bearer ${eveKey}` };
  callers.basic = { authorization: `Basic ${Buffer.from(`api:${eveKey}`).toString("base64")}` };
  callers["service account"] = { authorization: `Bearer ${esaKey}` };
});

afterAll(async () => {
  await t?.close();
});

function fill(route: string, path: string): string | undefined {
  const values: Record<string, string> = {
    entity: "ada",
    team: "ateam",
    project: "p",
    runId: owned.runId!,
    sa: owned.sa!,
    username: "ada",
  };
  const idFor = () => {
    if (route.includes("/me/api-keys/")) return owned.keyId;
    if (route.includes("/me/sessions/")) return owned.sessionId;
    if (route.includes("/runs/{id}")) return owned.runServerId;
    if (route.includes("/storage/jobs/")) return owned.jobId;
    if (route.includes("/storage/objects/")) return owned.objectId;
    if (route.includes("/service-accounts/{sa}/api-keys/")) return owned.saKeyId;
    return undefined;
  };
  let unknown = false;
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = name === "id" ? idFor() : values[name];
    if (value === undefined) unknown = true;
    return encodeURIComponent(value ?? "");
  });
  return unknown ? undefined : filled;
}

describe("authorization across every route with a resource in its path", () => {
  it("refuses another user, their keys (Bearer and Basic) and an unrelated service account", async () => {
    const doc = (await (await t.app.request("/api/openapi.json")).json()) as { paths: Record<string, object> };
    const checked: string[] = [];
    const failures: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths as Record<string, object>)) {
      if (!path.includes("{")) continue;
      for (const method of Object.keys(operations)) {
        const route = `${method.toUpperCase()} ${path}`;
        if (PUBLIC.has(route) || OWN_SCOPE.has(route)) continue;
        const url = fill(route, path);
        if (!url) {
          failures.push(`${route}: this test does not know its parameters; add them`);
          continue;
        }
        for (const [how, headers] of Object.entries(callers)) {
          const body = BODIES[route];
          const res = await call(t, url, {
            method: method.toUpperCase(),
            headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          if (![401, 403, 404].includes(res.status))
            failures.push(`${route} as ${how}: ${res.status} ${await res.text()}`);
        }
        checked.push(route);
      }
    }
    expect(failures).toEqual([]);
    expect(checked.length).toBeGreaterThanOrEqual(15);

    // Nothing of ada's changed.
    const bearer = { authorization: `Bearer ${adaKey}` };
    expect((await call(t, "/api/v1/viewer", { headers: bearer })).status).toBe(200);
    expect(await (await call(t, `/api/v1/runs/ada/p/${owned.runId}`, { headers: bearer })).json()).toMatchObject({
      state: "running",
    });
    const team = await (await call(t, "/api/v1/teams/ateam", { cookie: adaCookie })).json();
    expect(team.displayName).toBe("ateam");
    expect(team.members.map((m: { username: string }) => m.username)).toEqual(["ada"]);
    const sas = await (await call(t, "/api/v1/teams/ateam/service-accounts", { cookie: adaCookie })).json();
    expect(sas.items.map((s: { name: string; apiKeys: unknown[] }) => [s.name, s.apiKeys.length])).toEqual([["ci", 1]]);
    expect((await call(t, "/api/v1/me/sessions", { cookie: adaCookie })).status).toBe(200);
  });
});
