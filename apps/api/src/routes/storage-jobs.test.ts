import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function keyOf(cookie: string) {
  return (await (await call(t, "/api/v1/me/api-keys", { cookie, json: { name: "k" } })).json()).key as string;
}

describe("recalculation jobs", () => {
  it("are visible to members of their entity only, whatever the credentials, and their ids are not guessable", async () => {
    await signUp(t, { username: "root" }); // the organisation admin
    const ada = await signUp(t, { username: "ada" });
    const eve = await signUp(t, { username: "eve" });
    const started = await call(t, "/api/v1/entities/ada/storage/recalculate", { cookie: ada.cookie, method: "POST" });
    expect(started.status).toBe(202);
    const { jobId } = await started.json();
    expect(jobId).toMatch(/^recalc-now-[0-9a-f-]{36}-[0-9a-f-]{36}$/);

    expect((await call(t, `/api/v1/storage/jobs/${jobId}`, { cookie: ada.cookie })).status).toBe(200);
    const eveKey = await keyOf(eve.cookie);
    await call(t, "/api/v1/teams", { cookie: eve.cookie, json: { name: "evil" } });
    const sa = await (
      await call(t, "/api/v1/teams/evil/service-accounts", { cookie: eve.cookie, json: { name: "x" } })
    ).json();
    const saKey = (
      await (
        await call(t, `/api/v1/teams/evil/service-accounts/${sa.id}/api-keys`, {
          cookie: eve.cookie,
          json: { name: "k" },
        })
      ).json()
    ).key as string;
    const asOthers: Record<string, Record<string, string>> = {
      cookie: { cookie: eve.cookie },
      bearer: { authorization: `Bearer ${eveKey}` },
      basic: { authorization: `Basic ${Buffer.from(`api:${eveKey}`).toString("base64")}` },
      "service account": { authorization: `Bearer ${saKey}` },
    };
    for (const [how, headers] of Object.entries(asOthers)) {
      const res = await call(t, `/api/v1/storage/jobs/${jobId}`, { headers });
      expect(res.status, how).toBe(404);
    }
  });
});
