import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../../testing/test-app";

/*
 * The /admin router: every route is for organisation admins. Its answers to everyone else are
 * those of the routes before they moved into one router (policy and teams were routes for people,
 * the storage routes were open to any caller and checked the admin in the handler).
 */

let t: TestApp;
let root = "";
let ada = "";
let serviceAccount: Record<string, string> = {};

const ROUTES = [
  { method: "GET", path: "/api/v1/admin/settings", forPeople: true },
  { method: "PATCH", path: "/api/v1/admin/settings", body: { allowPublicProjects: true }, forPeople: true },
  { method: "GET", path: "/api/v1/admin/teams", forPeople: true },
  { method: "DELETE", path: "/api/v1/admin/teams/ateam", forPeople: true },
  { method: "PUT", path: "/api/v1/admin/entities/ada/quota", body: { quotaBytes: 1 }, forPeople: false },
  { method: "POST", path: "/api/v1/admin/storage/recalculate", forPeople: false },
];

beforeAll(async () => {
  t = await createTestApp();
  root = (await signUp(t, { username: "root" })).cookie; // the organisation admin
  ada = (await signUp(t, { username: "ada" })).cookie;
  await call(t, "/api/v1/teams", { cookie: ada, json: { name: "ateam" } });
  const sa = await (
    await call(t, "/api/v1/teams/ateam/service-accounts", { cookie: ada, json: { name: "ci" } })
  ).json();
  const key = await (
    await call(t, `/api/v1/teams/ateam/service-accounts/${sa.id}/api-keys`, { cookie: ada, json: { name: "k" } })
  ).json();
  serviceAccount = { authorization: `Bearer ${key.key}` };
});

afterAll(async () => {
  await t?.close();
});

function request(route: (typeof ROUTES)[number], auth: { cookie?: string; headers?: Record<string, string> }) {
  return call(t, route.path, { method: route.method, ...auth, ...(route.body ? { json: route.body } : {}) });
}

describe("/admin", () => {
  it("answers 401 without credentials", async () => {
    for (const route of ROUTES) expect((await request(route, {})).status, route.path).toBe(401);
  });

  it("refuses people who are not organisation admins", async () => {
    for (const route of ROUTES) {
      const res = await request(route, { cookie: ada });
      expect(res.status, `${route.method} ${route.path}`).toBe(403);
      expect((await res.json()).detail).toBe("Only organisation admins can do this.");
    }
  });

  it("refuses service accounts with the same words as before", async () => {
    for (const route of ROUTES) {
      const res = await request(route, { headers: serviceAccount });
      expect(res.status, `${route.method} ${route.path}`).toBe(403);
      expect((await res.json()).detail).toBe(
        route.forPeople
          ? "Service accounts have no personal settings; this route is for people."
          : "Only organisation admins can do this.",
      );
    }
  });

  it("lets an organisation admin set a quota and recalculate everything", async () => {
    const quota = await call(t, "/api/v1/admin/entities/ada/quota", {
      cookie: root,
      method: "PUT",
      json: { quotaBytes: 7 },
    });
    expect(quota.status).toBe(200);
    expect(await quota.json()).toMatchObject({ entity: "ada", quotaBytes: 7 });
    const missing = await call(t, "/api/v1/admin/entities/nobody/quota", {
      cookie: root,
      method: "PUT",
      json: { quotaBytes: 7 },
    });
    expect(missing.status).toBe(404);
    expect((await missing.json()).detail).toBe('There is no entity "nobody".');
    const all = await call(t, "/api/v1/admin/storage/recalculate", { cookie: root, method: "POST" });
    expect(all.status).toBe(202);
    expect(typeof (await all.json()).jobId).toBe("string");
    expect((await call(t, "/api/v1/admin/teams", { cookie: root })).status).toBe(200);
    expect((await call(t, "/api/v1/admin/settings", { cookie: root })).status).toBe(200);
  });
});
