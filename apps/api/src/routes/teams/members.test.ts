import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const setRole = (cookie: string, team: string, username: string, role: unknown) =>
  call(t, `/api/v1/teams/${team}/members/${username}`, { cookie, method: "PATCH", json: { role } });

async function labWithBob() {
  const ada = await signUp(t, { username: "ada" });
  const bob = await signUp(t, { username: "bob" });
  await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "lab" } });
  await call(t, "/api/v1/teams/lab/members", { cookie: ada.cookie, json: { username: "bob", role: "member" } });
  return { ada, bob };
}

describe("PATCH /teams/:team/members/:username", () => {
  it("lets an admin make a member an admin and back", async () => {
    const { ada, bob } = await labWithBob();
    const up = await setRole(ada.cookie, "lab", "Bob", "admin");
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ username: "bob", role: "admin" });
    const team = await (await call(t, "/api/v1/teams/lab", { cookie: bob.cookie })).json();
    expect(team).toMatchObject({
      role: "admin",
      members: [
        { username: "ada", role: "admin" },
        { username: "bob", role: "admin" },
      ],
    });
    // Bob, now an admin, can manage the team; with two admins Ada may step down.
    expect((await setRole(ada.cookie, "lab", "ada", "member")).status).toBe(200);
    expect((await setRole(bob.cookie, "lab", "ada", "admin")).status).toBe(200);
    const down = await setRole(ada.cookie, "lab", "bob", "member");
    expect(await down.json()).toEqual({ username: "bob", role: "member" });
  });

  it("keeps the last admin: demoting yourself alone is 409 with a detail that says what to do", async () => {
    const { ada } = await labWithBob();
    const res = await setRole(ada.cookie, "lab", "ada", "member");
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await res.json()).detail).toMatch(/at least one admin.*make another member an admin/i);
    // Alone in the team too.
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "solo" } });
    expect((await setRole(ada.cookie, "solo", "ada", "member")).status).toBe(409);
    // Staying an admin is fine.
    expect((await setRole(ada.cookie, "lab", "ada", "admin")).status).toBe(200);
  });

  it("is for team admins: 403 for members, 404 for outsiders, unknown teams and non-members", async () => {
    const { ada, bob } = await labWithBob();
    const eve = await signUp(t, { username: "eve" });
    const forbidden = await setRole(bob.cookie, "lab", "bob", "admin");
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).detail).toMatch(/team admins/);
    expect((await setRole(eve.cookie, "lab", "bob", "admin")).status).toBe(404);
    expect((await setRole(ada.cookie, "nowhere", "bob", "admin")).status).toBe(404);
    const notMember = await setRole(ada.cookie, "lab", "eve", "admin");
    expect(notMember.status).toBe(404);
    expect((await notMember.json()).detail).toBe("eve is not a member of lab.");
    expect((await setRole(ada.cookie, "lab", "nobody", "admin")).status).toBe(404);
    const team = await (await call(t, "/api/v1/teams/lab", { cookie: ada.cookie })).json();
    expect(team.members.map((m: { role: string }) => m.role)).toEqual(["admin", "member"]);
  });

  it("validates the role", async () => {
    const { ada } = await labWithBob();
    for (const role of ["owner", "", null, undefined]) {
      const res = await setRole(ada.cookie, "lab", "bob", role);
      expect(res.status).toBe(422);
      expect((await res.json()).errors[0].path).toBe("role");
    }
  });
});
