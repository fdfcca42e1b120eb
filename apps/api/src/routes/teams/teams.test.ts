import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp, verifyEmail } from "../../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function createTeam(cookie: string, name: string, displayName?: string) {
  return call(t, "/api/v1/teams", { cookie, json: { name, displayName } });
}

describe("teams", () => {
  it("creates a team whose creator is its admin", async () => {
    const ada = await signUp(t, { username: "ada" });
    const res = await createTeam(ada.cookie, "Vision-Lab", "Vision Lab");
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ name: "vision-lab", displayName: "Vision Lab", role: "admin" });
    const team = await (await call(t, "/api/v1/teams/vision-lab", { cookie: ada.cookie })).json();
    expect(team).toMatchObject({
      name: "vision-lab",
      displayName: "Vision Lab",
      role: "admin",
      members: [{ username: "ada", role: "admin" }],
      joinPolicy: { allowedEmailDomain: null },
    });
  });

  it("shares one namespace with usernames, both ways", async () => {
    const ada = await signUp(t, { username: "ada" });
    expect((await createTeam(ada.cookie, "ada")).status).toBe(409);
    expect((await createTeam(ada.cookie, "research")).status).toBe(201);
    expect((await createTeam(ada.cookie, "RESEARCH")).status).toBe(409);
    const clash = await call(t, "/api/v1/auth/signup", {
      json: { username: "research", email: "r@example.com", password: "long enough" },
    });
    expect(clash.status).toBe(409);
    expect((await clash.json()).errors[0].path).toBe("username");
  });

  it("validates team names like usernames", async () => {
    const ada = await signUp(t);
    for (const name of ["ab", "has space", "x".repeat(33), "dots.here"]) {
      const res = await createTeam(ada.cookie, name);
      expect(res.status).toBe(422);
      expect((await res.json()).errors[0].path).toBe("name");
    }
  });

  it("answers 404 to a non-member reading a team, and for an unknown team", async () => {
    const ada = await signUp(t);
    const eve = await signUp(t);
    await createTeam(ada.cookie, "secret-lab");
    expect((await call(t, "/api/v1/teams/secret-lab", { cookie: eve.cookie })).status).toBe(404);
    expect((await call(t, "/api/v1/teams/nowhere", { cookie: eve.cookie })).status).toBe(404);
    expect(
      (await call(t, "/api/v1/teams/secret-lab", { cookie: eve.cookie, method: "PATCH", json: { displayName: "x" } }))
        .status,
    ).toBe(404);
  });

  it("lets admins add and remove members, and refuses members doing it", async () => {
    const ada = await signUp(t, { username: "ada" });
    const bob = await signUp(t, { username: "bob" });
    await signUp(t, { username: "cyd" });
    await createTeam(ada.cookie, "lab");
    const add = await call(t, "/api/v1/teams/lab/members", {
      cookie: ada.cookie,
      json: { username: "bob", role: "member" },
    });
    expect(add.status).toBe(201);
    expect(await add.json()).toEqual({ username: "bob", role: "member" });
    expect(
      (await call(t, "/api/v1/teams/lab/members", { cookie: ada.cookie, json: { username: "bob", role: "admin" } }))
        .status,
    ).toBe(409);
    const unknown = await call(t, "/api/v1/teams/lab/members", {
      cookie: ada.cookie,
      json: { username: "nobody", role: "member" },
    });
    expect(unknown.status).toBe(422);
    expect(
      (await call(t, "/api/v1/teams/lab/members", { cookie: ada.cookie, json: { username: "cyd", role: "owner" } }))
        .status,
    ).toBe(422);
    // Bob is a member, not an admin.
    expect(
      (await call(t, "/api/v1/teams/lab/members", { cookie: bob.cookie, json: { username: "cyd", role: "member" } }))
        .status,
    ).toBe(403);
    expect((await call(t, "/api/v1/teams/lab/members/ada", { cookie: bob.cookie, method: "DELETE" })).status).toBe(403);
    expect(
      (await call(t, "/api/v1/teams/lab", { cookie: bob.cookie, method: "PATCH", json: { displayName: "Mine" } }))
        .status,
    ).toBe(403);
    // Ada removes Bob.
    expect((await call(t, "/api/v1/teams/lab/members/bob", { cookie: ada.cookie, method: "DELETE" })).status).toBe(204);
    expect((await call(t, "/api/v1/teams/lab", { cookie: bob.cookie })).status).toBe(404);
    expect((await call(t, "/api/v1/teams/lab/members/bob", { cookie: ada.cookie, method: "DELETE" })).status).toBe(404);
  });

  it("keeps the last admin while others remain, and lets members leave", async () => {
    const ada = await signUp(t, { username: "ada" });
    const bob = await signUp(t, { username: "bob" });
    await createTeam(ada.cookie, "lab");
    await call(t, "/api/v1/teams/lab/members", { cookie: ada.cookie, json: { username: "bob", role: "member" } });
    const leave = await call(t, "/api/v1/teams/lab/members/ada", { cookie: ada.cookie, method: "DELETE" });
    expect(leave.status).toBe(409);
    expect((await leave.json()).detail).toMatch(/last admin/);
    // A member may leave.
    expect((await call(t, "/api/v1/teams/lab/members/bob", { cookie: bob.cookie, method: "DELETE" })).status).toBe(204);
    // With a second admin, the first may leave.
    await call(t, "/api/v1/teams/lab/members", { cookie: ada.cookie, json: { username: "bob", role: "admin" } });
    expect((await call(t, "/api/v1/teams/lab/members/ada", { cookie: ada.cookie, method: "DELETE" })).status).toBe(204);
    const team = await (await call(t, "/api/v1/teams/lab", { cookie: bob.cookie })).json();
    expect(team.members).toEqual([{ username: "bob", name: "", role: "admin" }]);
  });

  it("lets users of the allowed email domain join, once", async () => {
    const ada = await signUp(t, { username: "ada", email: "ada@acme.com" });
    const bob = await signUp(t, { username: "bob", email: "bob@acme.com" });
    const eve = await signUp(t, { username: "eve", email: "eve@acme.com.evil.io" });
    await createTeam(ada.cookie, "acme");
    // No domain set: nobody may join.
    expect((await call(t, "/api/v1/teams/acme/join", { cookie: bob.cookie, method: "POST" })).status).toBe(403);
    const bad = await call(t, "/api/v1/teams/acme", {
      cookie: ada.cookie,
      method: "PATCH",
      json: { allowedEmailDomain: "@acme.com" },
    });
    expect(bad.status).toBe(422);
    const set = await call(t, "/api/v1/teams/acme", {
      cookie: ada.cookie,
      method: "PATCH",
      json: { allowedEmailDomain: "ACME.com" },
    });
    expect(set.status).toBe(200);
    expect((await set.json()).joinPolicy).toEqual({ allowedEmailDomain: "acme.com" });

    // Only a verified address may join by domain: bob has not verified his yet.
    expect((await (await call(t, "/api/v1/me/teams", { cookie: bob.cookie })).json()).joinable).toEqual([]);
    const unverified = await call(t, "/api/v1/teams/acme/join", { cookie: bob.cookie, method: "POST" });
    expect(unverified.status).toBe(403);
    expect((await unverified.json()).detail).toMatch(/Verify your email address first/);
    await verifyEmail(t, "bob@acme.com");
    await verifyEmail(t, "eve@acme.com.evil.io");
    expect((await (await call(t, "/api/v1/me/teams", { cookie: bob.cookie })).json()).joinable).toEqual([
      { name: "acme", displayName: "acme" },
    ]);
    expect((await call(t, "/api/v1/teams/acme/join", { cookie: eve.cookie, method: "POST" })).status).toBe(403);
    const joined = await call(t, "/api/v1/teams/acme/join", { cookie: bob.cookie, method: "POST" });
    expect(joined.status).toBe(200);
    expect(await joined.json()).toMatchObject({ name: "acme", role: "member" });
    const again = await call(t, "/api/v1/teams/acme/join", { cookie: bob.cookie, method: "POST" });
    expect(again.status).toBe(200);
    const team = await (await call(t, "/api/v1/teams/acme", { cookie: ada.cookie })).json();
    expect(team.members.map((m: { username: string }) => m.username)).toEqual(["ada", "bob"]);
    const mine = await (await call(t, "/api/v1/me/teams", { cookie: bob.cookie })).json();
    expect(mine).toEqual({ teams: [{ name: "acme", displayName: "acme", role: "member" }], joinable: [] });
    expect((await call(t, "/api/v1/teams/nope/join", { cookie: bob.cookie, method: "POST" })).status).toBe(404);
  });

  it("reports teams in /viewer, and a single team becomes the default entity", async () => {
    const ada = await signUp(t, { username: "ada" });
    expect(await (await call(t, "/api/v1/viewer", { cookie: ada.cookie })).json()).toMatchObject({
      entity: "ada",
      teams: [],
    });
    await createTeam(ada.cookie, "lab");
    expect(await (await call(t, "/api/v1/viewer", { cookie: ada.cookie })).json()).toMatchObject({
      entity: "lab",
      teams: ["lab"],
    });
    await createTeam(ada.cookie, "another");
    // The second team does not move the default: the first team is stored as the choice.
    expect(await (await call(t, "/api/v1/viewer", { cookie: ada.cookie })).json()).toMatchObject({
      entity: "lab",
      teams: ["another", "lab"],
    });
  });

  it("keeps the default team when a second team arrives, created or by being added; a later join keeps it too", async () => {
    const defaultOf = async (cookie: string) =>
      (await (await call(t, "/api/v1/me/settings", { cookie })).json()).defaultEntity;
    const ada = await signUp(t, { username: "ada", email: "ada@acme.com" });
    const bob = await signUp(t, { username: "bob", email: "bob@acme.com" });
    await verifyEmail(t, "bob@acme.com");

    // Created: team A, then team B.
    expect((await createTeam(ada.cookie, "team-a")).status).toBe(201);
    expect(await defaultOf(ada.cookie)).toBe("team-a");
    expect((await createTeam(ada.cookie, "team-b")).status).toBe(201);
    expect(await defaultOf(ada.cookie)).toBe("team-a");
    expect((await (await call(t, "/api/v1/viewer", { cookie: ada.cookie })).json()).entity).toBe("team-a");

    // Added as a member of a second team.
    await call(t, "/api/v1/teams/team-b/members", { cookie: ada.cookie, json: { username: "bob", role: "member" } });
    expect(await defaultOf(bob.cookie)).toBe("team-b");
    await call(t, "/api/v1/teams/team-a/members", { cookie: ada.cookie, json: { username: "bob", role: "member" } });
    expect(await defaultOf(bob.cookie)).toBe("team-b");

    // Joined by domain as a third team: the stored choice stands.
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "acme" } });
    await call(t, "/api/v1/teams/acme", {
      cookie: ada.cookie,
      method: "PATCH",
      json: { allowedEmailDomain: "acme.com" },
    });
    expect((await call(t, "/api/v1/teams/acme/join", { cookie: bob.cookie, method: "POST" })).status).toBe(200);
    expect(await defaultOf(bob.cookie)).toBe("team-b");
    expect(await defaultOf(ada.cookie)).toBe("team-a");
  });

  it("keeps the default team when the second team is joined by domain", async () => {
    const ada = await signUp(t, { username: "ada" });
    const cyd = await signUp(t, { username: "cyd", email: "cyd@acme.com" });
    await verifyEmail(t, "cyd@acme.com");
    await createTeam(ada.cookie, "first");
    await call(t, "/api/v1/teams/first/members", { cookie: ada.cookie, json: { username: "cyd", role: "member" } });
    await createTeam(ada.cookie, "acme");
    await call(t, "/api/v1/teams/acme", {
      cookie: ada.cookie,
      method: "PATCH",
      json: { allowedEmailDomain: "acme.com" },
    });
    expect((await call(t, "/api/v1/teams/acme/join", { cookie: cyd.cookie, method: "POST" })).status).toBe(200);
    const settings = await (await call(t, "/api/v1/me/settings", { cookie: cyd.cookie })).json();
    expect(settings.defaultEntity).toBe("first");
  });

  it("leaves an explicit choice of the personal entity alone when a second team arrives", async () => {
    const ada = await signUp(t, { username: "ada" });
    await createTeam(ada.cookie, "lab");
    await call(t, "/api/v1/me/settings", { cookie: ada.cookie, method: "PATCH", json: { defaultEntity: "ada" } });
    await createTeam(ada.cookie, "another");
    expect((await (await call(t, "/api/v1/me/settings", { cookie: ada.cookie })).json()).defaultEntity).toBe("ada");
  });
});

describe("public profile", () => {
  it("lists teams unless hidden, and 404s for unknown users", async () => {
    const ada = await signUp(t, { username: "ada" });
    await createTeam(ada.cookie, "lab");
    const profile = await call(t, "/api/v1/users/ada");
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ username: "ada", teams: ["lab"], avatarUrl: null });
    await call(t, "/api/v1/me/settings", { cookie: ada.cookie, method: "PATCH", json: { hideTeamsInProfile: true } });
    const hidden = await (await call(t, "/api/v1/users/ADA")).json();
    expect(hidden.username).toBe("ada");
    expect("teams" in hidden).toBe(false);
    expect((await call(t, "/api/v1/users/nobody")).status).toBe(404);
  });
});
