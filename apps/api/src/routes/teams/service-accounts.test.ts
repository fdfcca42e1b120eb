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

async function teamWithAccount() {
  const admin = await signUp(t, { username: "boss" });
  const member = await signUp(t, { username: "worker" });
  await call(t, "/api/v1/teams", { cookie: admin.cookie, json: { name: "ml-team" } });
  await call(t, "/api/v1/teams/ml-team/members", {
    cookie: admin.cookie,
    json: { username: "worker", role: "member" },
  });
  const { id } = await (
    await call(t, "/api/v1/teams/ml-team/service-accounts", { cookie: admin.cookie, json: { name: "ci-bot" } })
  ).json();
  const { key } = await (
    await call(t, `/api/v1/teams/ml-team/service-accounts/${id}/api-keys`, {
      cookie: admin.cookie,
      json: { name: "prod" },
    })
  ).json();
  return { admin, member, saId: id as string, key: key as string };
}

describe("renaming and deleting service accounts", () => {
  it("renames with the create rules", async () => {
    const { admin, saId } = await teamWithAccount();
    const path = `/api/v1/teams/ml-team/service-accounts/${saId}`;
    const res = await call(t, path, { cookie: admin.cookie, method: "PATCH", json: { name: "  nightly training " } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: saId, name: "nightly training" });
    const list = await (await call(t, "/api/v1/teams/ml-team/service-accounts", { cookie: admin.cookie })).json();
    expect(list.items[0]).toMatchObject({ id: saId, name: "nightly training" });
    for (const name of ["", "   ", "x".repeat(65), "a\u202eb", "a\nb"]) {
      const bad = await call(t, path, { cookie: admin.cookie, method: "PATCH", json: { name } });
      expect(bad.status, JSON.stringify(name)).toBe(422);
      expect((await bad.json()).errors[0]).toMatchObject({ path: "name", message: expect.any(String) });
    }
    const empty = await call(t, path, { cookie: admin.cookie, method: "PATCH", json: { name: "" } });
    expect((await empty.json()).errors[0].message).toBe("Give the service account a name.");
  });

  it("deletes the account, and its keys stop working at once", async () => {
    const { admin, saId, key } = await teamWithAccount();
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key) })).status).toBe(200);
    const res = await call(t, `/api/v1/teams/ml-team/service-accounts/${saId}`, {
      cookie: admin.cookie,
      method: "DELETE",
    });
    expect(res.status).toBe(204);
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key) })).status).toBe(401);
    const list = await (await call(t, "/api/v1/teams/ml-team/service-accounts", { cookie: admin.cookie })).json();
    expect(list.items).toEqual([]);
    const again = await call(t, `/api/v1/teams/ml-team/service-accounts/${saId}`, {
      cookie: admin.cookie,
      method: "DELETE",
    });
    expect(again.status).toBe(404);
    expect(
      (
        await call(t, `/api/v1/teams/ml-team/service-accounts/${saId}`, {
          cookie: admin.cookie,
          method: "PATCH",
          json: { name: "x" },
        })
      ).status,
    ).toBe(404);
  });

  it("is for team admins of that team only", async () => {
    const { member, saId, key } = await teamWithAccount();
    const eve = await signUp(t, { username: "eve" });
    await call(t, "/api/v1/teams", { cookie: eve.cookie, json: { name: "eve-lab" } });
    const path = `/api/v1/teams/ml-team/service-accounts/${saId}`;
    expect((await call(t, path, { cookie: member.cookie, method: "DELETE" })).status).toBe(403);
    expect((await call(t, path, { cookie: member.cookie, method: "PATCH", json: { name: "mine" } })).status).toBe(403);
    expect((await call(t, path, { cookie: eve.cookie, method: "DELETE" })).status).toBe(404);
    // Another team's admin cannot reach it through their own team.
    expect(
      (await call(t, `/api/v1/teams/eve-lab/service-accounts/${saId}`, { cookie: eve.cookie, method: "DELETE" }))
        .status,
    ).toBe(404);
    // Nor can the service account itself.
    expect((await call(t, path, { headers: bearer(key), method: "DELETE" })).status).toBe(403);
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key) })).status).toBe(200);
  });
});
