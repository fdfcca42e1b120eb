import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

/** A deployment whose plan is not the built-in 100 GB (DEFAULT_STORAGE_QUOTA_BYTES=5000000000). */
const PLAN_BYTES = 5_000_000_000;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { defaultStorageQuotaBytes: PLAN_BYTES } });
});
afterEach(async () => {
  await t.close();
});

describe("storage usage", () => {
  it("states the deployment's default plan next to the entity's quota, with or without an override", async () => {
    const root = await signUp(t, { username: "root" }); // the organisation admin
    const ada = await signUp(t, { username: "ada" });

    const mine = await call(t, "/api/v1/me/storage", { cookie: ada.cookie });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ entity: "ada", quotaBytes: PLAN_BYTES, defaultQuotaBytes: PLAN_BYTES });

    const set = await call(t, "/api/v1/admin/entities/ada/quota", {
      cookie: root.cookie,
      method: "PUT",
      json: { quotaBytes: 2_000_000_000 },
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ quotaBytes: 2_000_000_000, defaultQuotaBytes: PLAN_BYTES });
    const entity = await call(t, "/api/v1/entities/ada/storage", { cookie: ada.cookie });
    expect(await entity.json()).toMatchObject({ quotaBytes: 2_000_000_000, defaultQuotaBytes: PLAN_BYTES });
  });

  it("documents the default plan in the OpenAPI document", async () => {
    const doc = await (await call(t, "/api/openapi.json")).json();
    const usage = doc.components.schemas.StorageUsage;
    expect(usage.required).toContain("defaultQuotaBytes");
    expect(usage.properties.defaultQuotaBytes).toMatchObject({ type: "number" });
    expect(usage.properties.defaultQuotaBytes.description).toMatch(/DEFAULT_STORAGE_QUOTA_BYTES/);
  });
});
