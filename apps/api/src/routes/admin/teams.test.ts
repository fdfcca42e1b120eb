import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe("organisation admins and teams", () => {
  it("lists every team with members and storage, and deletes one: its name is free and its keys dead at once", async () => {
    const root = await signUp(t, { username: "root" }); // the first user is the organisation admin
    const ada = await signUp(t, { username: "ada" });
    await signUp(t, { username: "bob" });
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "vision", displayName: "Vision Lab" } });
    await call(t, "/api/v1/teams/vision/members", { cookie: ada.cookie, json: { username: "bob", role: "member" } });
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "audio" } });
    const { id: saId } = await (
      await call(t, "/api/v1/teams/vision/service-accounts", { cookie: ada.cookie, json: { name: "ci" } })
    ).json();
    const { key } = await (
      await call(t, `/api/v1/teams/vision/service-accounts/${saId}/api-keys`, {
        cookie: ada.cookie,
        json: { name: "k" },
      })
    ).json();

    const list = await call(t, "/api/v1/admin/teams", { cookie: root.cookie });
    expect(list.status).toBe(200);
    expect((await list.json()).items).toEqual([
      { name: "audio", displayName: "audio", membersCount: 1, usedBytes: 0 },
      { name: "vision", displayName: "Vision Lab", membersCount: 2, usedBytes: 0 },
    ]);

    expect((await call(t, "/api/v1/admin/teams/vision", { cookie: root.cookie, method: "DELETE" })).status).toBe(204);
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key) })).status).toBe(401);
    expect((await call(t, "/api/v1/teams/vision", { cookie: ada.cookie })).status).toBe(404);
    const mine = await (await call(t, "/api/v1/me/teams", { cookie: ada.cookie })).json();
    expect(mine.teams.map((x: { name: string }) => x.name)).toEqual(["audio"]);
    expect((await (await call(t, "/api/v1/admin/teams", { cookie: root.cookie })).json()).items).toHaveLength(1);
    // The purge is queued, and the name can be taken again at once.
    const jobs = await t.queues.queue("accounts").getJobs(["waiting", "delayed", "prioritized"]);
    expect(jobs.map((j) => j.name)).toContain("purge-team");
    expect((await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "vision" } })).status).toBe(201);
    expect((await call(t, "/api/v1/admin/teams/nowhere", { cookie: root.cookie, method: "DELETE" })).status).toBe(404);
  });

  it("refuses everyone else", async () => {
    await signUp(t, { username: "root" });
    const ada = await signUp(t, { username: "ada" });
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "vision" } });
    expect((await call(t, "/api/v1/admin/teams", { cookie: ada.cookie })).status).toBe(403);
    const res = await call(t, "/api/v1/admin/teams/vision", { cookie: ada.cookie, method: "DELETE" });
    expect(res.status).toBe(403);
    expect((await call(t, "/api/v1/teams/vision", { cookie: ada.cookie })).status).toBe(200);
  });
});

describe("deleting an account with one-person teams", () => {
  it("names the teams that go with it, deletes them and frees their names", async () => {
    await signUp(t, { username: "root" });
    const ada = await signUp(t, { username: "ada" });
    await signUp(t, { username: "bob" });
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "solo", displayName: "Solo Lab" } });
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "shared" } });
    await call(t, "/api/v1/teams/shared/members", { cookie: ada.cookie, json: { username: "bob", role: "admin" } });
    const check = await (await call(t, "/api/v1/me/deletion-check", { cookie: ada.cookie })).json();
    expect(check).toEqual({
      deletable: true,
      blockingTeams: [],
      teamsToDelete: [{ name: "solo", displayName: "Solo Lab" }],
    });
    const del = await call(t, "/api/v1/me", {
      cookie: ada.cookie,
      method: "DELETE",
      json: { confirm: "ada", password: ada.password },
    });
    expect(del.status).toBe(202);
    const bob = await signUp(t, { username: "cyd" });
    expect((await call(t, "/api/v1/teams", { cookie: bob.cookie, json: { name: "solo" } })).status).toBe(201);
    expect((await call(t, "/api/v1/teams", { cookie: bob.cookie, json: { name: "shared" } })).status).toBe(409);
  });
});
