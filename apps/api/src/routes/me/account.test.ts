import { tables } from "@homebase/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countRows } from "../../testing/rows";
import { call, createTestApp, signUp, type TestApp } from "../../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const remove = (cookie: string, json: unknown, headers: Record<string, string> = {}) =>
  call(t, "/api/v1/me", { cookie, method: "DELETE", json, headers });

describe("account deletion", () => {
  it("refuses a wrong confirmation (422) or password (401) and changes nothing", async () => {
    const ada = await signUp(t, { username: "ada" });
    const wrongName = await remove(ada.cookie, { confirm: "adam", password: ada.password });
    expect(wrongName.status).toBe(422);
    expect((await wrongName.json()).errors[0].path).toBe("confirm");
    expect((await remove(ada.cookie, { confirm: "ada", password: "wrong password" })).status).toBe(401);
    expect((await remove(ada.cookie, { confirm: "ada" })).status).toBe(422);
    expect((await call(t, "/api/v1/viewer", { cookie: ada.cookie })).status).toBe(200);
  });

  it("stops every credential at once, frees the name and hides the profile", async () => {
    const ada = await signUp(t, { username: "ada" });
    const { key } = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name: "k" } })).json();
    const second = await call(t, "/api/v1/auth/login", { json: { login: "ada", password: ada.password } });
    const otherCookie = `hb_session=${/hb_session=([^;]*)/.exec(second.headers.get("set-cookie")!)![1]}`;
    const res = await remove(ada.cookie, { confirm: "ada", password: ada.password });
    expect(res.status).toBe(202);
    expect((await call(t, "/api/v1/viewer", { cookie: ada.cookie })).status).toBe(401);
    expect((await call(t, "/api/v1/viewer", { cookie: otherCookie })).status).toBe(401);
    expect((await call(t, "/api/v1/viewer", { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    expect(
      (
        await call(t, "/api/v1/viewer", {
          headers: { authorization: `Basic ${Buffer.from(`api:${key}`).toString("base64")}` },
        })
      ).status,
    ).toBe(401);
    expect((await call(t, "/api/v1/auth/login", { json: { login: "ada", password: ada.password } })).status).toBe(401);
    expect((await call(t, "/api/v1/users/ada")).status).toBe(404);
    const again = await call(t, "/api/v1/auth/signup", {
      json: { username: "ada", email: ada.email, password: "a new password" },
    });
    expect(again.status).toBe(201);
    expect(await countRows(t.db, tables(t.db).accountPurges)).toBe(1);
  });

  it("needs a browser session", async () => {
    const ada = await signUp(t, { username: "ada" });
    const { key } = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name: "k" } })).json();
    const res = await call(t, "/api/v1/me", {
      method: "DELETE",
      json: { confirm: "ada", password: ada.password },
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(403);
  });

  it("is refused (409, naming the teams) to the last admin of a team with other members", async () => {
    const ada = await signUp(t, { username: "ada" });
    await signUp(t, { username: "bob" });
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "lab", displayName: "The Lab" } });
    await call(t, "/api/v1/teams/lab/members", { cookie: ada.cookie, json: { username: "bob", role: "member" } });
    expect(await (await call(t, "/api/v1/me/deletion-check", { cookie: ada.cookie })).json()).toEqual({
      deletable: false,
      blockingTeams: [{ name: "lab", displayName: "The Lab" }],
      teamsToDelete: [],
    });
    const res = await remove(ada.cookie, { confirm: "ada", password: ada.password });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.teams).toEqual([{ name: "lab", displayName: "The Lab" }]);
    expect(body.detail).toContain("lab");
    expect((await call(t, "/api/v1/viewer", { cookie: ada.cookie })).status).toBe(200);
  });
});
