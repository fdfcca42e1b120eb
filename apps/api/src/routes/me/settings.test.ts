import { DEPLOYMENT_MODES, type DeploymentMode } from "@homebase/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../../testing/test-app";

type Case = { field: string; value: unknown; accepted: boolean };

function expectedCases(mode: DeploymentMode, allowPublic: boolean, allowCode: boolean, username: string): Case[] {
  return [
    { field: "defaultEntity", value: "team-b", accepted: true },
    { field: "defaultEntity", value: "team-a", accepted: true },
    { field: "defaultEntity", value: username, accepted: mode !== "multi-tenant" },
    { field: "defaultEntity", value: "others-team", accepted: false },
    { field: "defaultEntity", value: "no-such-entity", accepted: false },
    { field: "defaultEntity", value: 42, accepted: false },
    { field: "defaultProjectPrivacy", value: "private", accepted: true },
    { field: "defaultProjectPrivacy", value: "public", accepted: allowPublic },
    { field: "defaultProjectPrivacy", value: "secret", accepted: false },
    { field: "codeSavingEnabled", value: false, accepted: true },
    { field: "codeSavingEnabled", value: true, accepted: allowCode },
    { field: "codeSavingEnabled", value: "yes", accepted: false },
    { field: "hideTeamsInProfile", value: true, accepted: true },
    { field: "hideTeamsInProfile", value: false, accepted: true },
    { field: "deploymentMode", value: "dedicated", accepted: false },
    { field: "orgAllowsPublicProjects", value: true, accepted: false },
  ];
}

describe.each(DEPLOYMENT_MODES)("PATCH /me/settings in %s mode", (mode) => {
  describe.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])("with public projects allowed: %s, code saving allowed: %s", (allowPublic, allowCode) => {
    let t: TestApp;
    let cookie: string;
    let username: string;
    beforeAll(async () => {
      t = await createTestApp({ config: { deploymentMode: mode } });
      const admin = await signUp(t);
      const user = await signUp(t);
      cookie = user.cookie;
      username = user.user.username;
      await call(t, "/api/v1/teams", { cookie, json: { name: "team-a" } });
      await call(t, "/api/v1/teams", { cookie, json: { name: "team-b" } });
      await call(t, "/api/v1/teams", { cookie: admin.cookie, json: { name: "others-team" } });
      const org = await call(t, "/api/v1/admin/settings", {
        cookie: admin.cookie,
        method: "PATCH",
        json: { allowPublicProjects: allowPublic, allowCodeSaving: allowCode },
      });
      expect(org.status).toBe(200);
    });
    afterAll(async () => {
      await t.close();
    });

    it("accepts exactly the values the mode and the organisation allow", async () => {
      for (const c of expectedCases(mode, allowPublic, allowCode, username)) {
        const before = await (await call(t, "/api/v1/me/settings", { cookie })).json();
        const res = await call(t, "/api/v1/me/settings", { cookie, method: "PATCH", json: { [c.field]: c.value } });
        const label = `${c.field}=${JSON.stringify(c.value)}`;
        expect(res.status, label).toBe(c.accepted ? 200 : 422);
        const body = await res.json();
        if (c.accepted) {
          expect(body[c.field], label).toBe(c.value);
        } else {
          expect(body.errors?.[0]?.path, label).toBe(c.field);
          expect(await (await call(t, "/api/v1/me/settings", { cookie })).json(), label).toEqual(before);
        }
      }
      const final = await (await call(t, "/api/v1/me/settings", { cookie })).json();
      expect(final).toMatchObject({
        deploymentMode: mode,
        orgAllowsPublicProjects: allowPublic,
        orgAllowsCodeSaving: allowCode,
      });
    });

    it("rejects a mixed patch whole when one value is refused", async () => {
      const before = await (await call(t, "/api/v1/me/settings", { cookie })).json();
      const res = await call(t, "/api/v1/me/settings", {
        cookie,
        method: "PATCH",
        json: { hideTeamsInProfile: !before.hideTeamsInProfile, defaultEntity: "no-such-entity" },
      });
      expect(res.status).toBe(422);
      expect(await (await call(t, "/api/v1/me/settings", { cookie })).json()).toEqual(before);
    });
  });
});

describe("organisation settings", () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signUp>>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signUp(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it("are for organisation admins only", async () => {
    const user = await signUp(t);
    expect(admin.user.admin).toBe(true);
    expect((await call(t, "/api/v1/admin/settings", { cookie: user.cookie })).status).toBe(403);
    expect(
      (
        await call(t, "/api/v1/admin/settings", {
          cookie: user.cookie,
          method: "PATCH",
          json: { allowPublicProjects: false },
        })
      ).status,
    ).toBe(403);
    // A fresh install starts private: an admin turns public projects and code saving on.
    expect(await (await call(t, "/api/v1/admin/settings", { cookie: admin.cookie })).json()).toEqual({
      allowPublicProjects: false,
      allowCodeSaving: false,
      maxApiKeyLifetimeDays: null,
    });
    expect(
      (
        await call(t, "/api/v1/admin/settings", {
          cookie: admin.cookie,
          method: "PATCH",
          json: { allowPublicProjects: "no" },
        })
      ).status,
    ).toBe(422);
  });

  it("turning a permission off moves users' choices back to the safe value", async () => {
    const user = await signUp(t);
    const refused = await call(t, "/api/v1/me/settings", {
      cookie: user.cookie,
      method: "PATCH",
      json: { defaultProjectPrivacy: "public" },
    });
    expect(refused.status).toBe(422);
    await call(t, "/api/v1/admin/settings", {
      cookie: admin.cookie,
      method: "PATCH",
      json: { allowPublicProjects: true, allowCodeSaving: true },
    });
    const patch = await call(t, "/api/v1/me/settings", {
      cookie: user.cookie,
      method: "PATCH",
      json: { defaultProjectPrivacy: "public", codeSavingEnabled: true },
    });
    expect(patch.status).toBe(200);
    await call(t, "/api/v1/admin/settings", {
      cookie: admin.cookie,
      method: "PATCH",
      json: { allowPublicProjects: false, allowCodeSaving: false },
    });
    expect(await (await call(t, "/api/v1/me/settings", { cookie: user.cookie })).json()).toMatchObject({
      defaultProjectPrivacy: "private",
      codeSavingEnabled: false,
      orgAllowsPublicProjects: false,
      orgAllowsCodeSaving: false,
    });
  });
});
