import { BETA_FEATURES } from "@homebase/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe("beta features", () => {
  it("lists the whole catalogue, all off for a new user", async () => {
    const { cookie } = await signUp(t);
    const res = await call(t, "/api/v1/me/beta-features", { cookie });
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.map((i: { key: string }) => i.key)).toEqual(BETA_FEATURES.map((f) => f.key));
    for (const item of items) {
      expect(item.name.length).toBeGreaterThan(0);
      expect(item.description.length).toBeGreaterThan(0);
      expect(item.enabled).toBe(false);
    }
  });

  it("turns a feature on and off for this user only", async () => {
    const ada = await signUp(t);
    const bob = await signUp(t);
    const key = BETA_FEATURES[0]!.key;
    const on = await call(t, `/api/v1/me/beta-features/${key}`, {
      method: "PUT",
      cookie: ada.cookie,
      json: { enabled: true },
    });
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({ key, enabled: true });
    const enabledFor = async (cookie: string) =>
      (await (await call(t, "/api/v1/me/beta-features", { cookie })).json()).items.find(
        (i: { key: string }) => i.key === key,
      ).enabled;
    expect(await enabledFor(ada.cookie)).toBe(true);
    expect(await enabledFor(bob.cookie)).toBe(false);
    await call(t, `/api/v1/me/beta-features/${key}`, { method: "PUT", cookie: ada.cookie, json: { enabled: false } });
    expect(await enabledFor(ada.cookie)).toBe(false);
  });

  it("answers an unknown key with 404 and a non-boolean with 422", async () => {
    const { cookie } = await signUp(t);
    const unknown = await call(t, "/api/v1/me/beta-features/nope", { method: "PUT", cookie, json: { enabled: true } });
    expect(unknown.status).toBe(404);
    const key = BETA_FEATURES[0]!.key;
    const bad = await call(t, `/api/v1/me/beta-features/${key}`, { method: "PUT", cookie, json: { enabled: "yes" } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].path).toBe("enabled");
  });

  it("needs credentials", async () => {
    expect((await call(t, "/api/v1/me/beta-features")).status).toBe(401);
  });
});
