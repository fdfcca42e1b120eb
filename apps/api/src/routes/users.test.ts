import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const createTeam = (cookie: string, name: string, displayName?: string) =>
  call(t, "/api/v1/teams", { cookie, json: { name, displayName } });

describe("GET /users/:username teams", () => {
  it("gives each team's display name next to its name, in the same order as `teams`", async () => {
    const ada = await signUp(t, { username: "ada" });
    expect((await createTeam(ada.cookie, "vision-lab", "Computer Vision Lab")).status).toBe(201);
    expect((await createTeam(ada.cookie, "aaa-plain")).status).toBe(201);
    const res = await call(t, "/api/v1/users/ada");
    expect(res.status).toBe(200);
    const profile = await res.json();
    expect(profile.teams).toEqual(["aaa-plain", "vision-lab"]);
    expect(profile.teamDetails).toEqual([
      { name: "aaa-plain", displayName: "aaa-plain" },
      { name: "vision-lab", displayName: "Computer Vision Lab" },
    ]);
  });

  it("follows a renamed display name", async () => {
    const ada = await signUp(t, { username: "ada" });
    await createTeam(ada.cookie, "lab", "Lab");
    const renamed = await call(t, "/api/v1/teams/lab", {
      cookie: ada.cookie,
      method: "PATCH",
      json: { displayName: "The Lovelace Lab" },
    });
    expect(renamed.status).toBe(200);
    expect((await (await call(t, "/api/v1/users/ada")).json()).teamDetails).toEqual([
      { name: "lab", displayName: "The Lovelace Lab" },
    ]);
  });

  it("leaves both lists out when the user hides teams", async () => {
    const ada = await signUp(t, { username: "ada" });
    await createTeam(ada.cookie, "lab", "Lab");
    await call(t, "/api/v1/me/settings", { cookie: ada.cookie, method: "PATCH", json: { hideTeamsInProfile: true } });
    const profile = await (await call(t, "/api/v1/users/ada")).json();
    expect("teams" in profile).toBe(false);
    expect("teamDetails" in profile).toBe(false);
  });

  it("lists no team the user has left", async () => {
    const ada = await signUp(t, { username: "ada" });
    const bob = await signUp(t, { username: "bob" });
    await createTeam(ada.cookie, "lab", "Lab");
    await call(t, "/api/v1/teams/lab/members", { cookie: ada.cookie, json: { username: "bob", role: "member" } });
    expect((await (await call(t, "/api/v1/users/bob")).json()).teamDetails).toEqual([
      { name: "lab", displayName: "Lab" },
    ]);
    expect((await call(t, "/api/v1/teams/lab/members/bob", { cookie: bob.cookie, method: "DELETE" })).status).toBe(204);
    expect(await (await call(t, "/api/v1/users/bob")).json()).toMatchObject({ teams: [], teamDetails: [] });
  });
});
