import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const BAD_NAMES: Record<string, string> = {
  NUL: "key\u0000name",
  "CR/LF": "key\r\nBcc: x@evil.test",
  escape: "key\u001b[31m",
  "lone surrogate": "key\ud800name",
  "right-to-left override": "invoice\u202Egnp.exe",
  "bidi isolate": "a\u2066b\u2069",
};

describe("names and titles that are not plain text", () => {
  it("are refused with 422 naming the field, and nothing is created", async () => {
    const ada = await signUp(t, { username: "ada" });
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "lab" } });
    const sa = await (
      await call(t, "/api/v1/teams/lab/service-accounts", { cookie: ada.cookie, json: { name: "ci" } })
    ).json();
    const { key } = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name: "ok" } })).json();
    const run = await (
      await call(t, "/api/v1/runs", { headers: { authorization: `Bearer ${key}` }, json: { project: "p" } })
    ).json();
    for (const [what, bad] of Object.entries(BAD_NAMES)) {
      const cases = [
        call(t, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name: bad } }),
        call(t, "/api/v1/teams/lab/service-accounts", { cookie: ada.cookie, json: { name: bad } }),
        call(t, `/api/v1/teams/lab/service-accounts/${sa.id}/api-keys`, { cookie: ada.cookie, json: { name: bad } }),
        call(t, "/api/v1/teams/lab", { cookie: ada.cookie, method: "PATCH", json: { displayName: bad } }),
        call(t, `/api/v1/runs/${run.id}/alerts`, {
          headers: { authorization: `Bearer ${key}` },
          json: { title: bad, text: "x" },
        }),
      ];
      const fields = ["name", "name", "name", "displayName", "title"];
      const results = await Promise.all(cases);
      for (const [i, res] of results.entries()) {
        expect(res.status, `${what} #${i}`).toBe(422);
        const body = await res.json();
        expect(body.errors[0].path, `${what} #${i}`).toBe(fields[i]);
      }
    }
    const keys = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie })).json();
    expect(keys.items.map((k: { name: string }) => k.name)).toEqual(["ok"]);
  });

  it("let an alert's text keep its newlines and tabs", async () => {
    const ada = await signUp(t, { username: "ada" });
    const { key } = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name: "k" } })).json();
    const run = await (
      await call(t, "/api/v1/runs", { headers: { authorization: `Bearer ${key}` }, json: { project: "p" } })
    ).json();
    const res = await call(t, `/api/v1/runs/${run.id}/alerts`, {
      headers: { authorization: `Bearer ${key}` },
      json: { title: "Loss", text: "epoch 3\n\tloss 4.2" },
    });
    expect(res.status).toBe(202);
    const bad = await call(t, `/api/v1/runs/${run.id}/alerts`, {
      headers: { authorization: `Bearer ${key}` },
      json: { title: "Loss", text: "bell\u0007" },
    });
    expect(bad.status).toBe(422);
  });
});

describe("sign-up and login from another site", () => {
  it("are refused when a foreign Origin is present, and allowed without one (programs) or from the app", async () => {
    const body = { username: "ada", email: "ada@example.com", password: "correct horse battery" };
    const foreign = await call(t, "/api/v1/auth/signup", { json: body, origin: "https://evil.test" });
    expect(foreign.status).toBe(403);
    expect((await call(t, "/api/v1/auth/signup", { json: body, origin: "http://localhost:3000" })).status).toBe(201);
    const login = { login: "ada", password: body.password };
    expect((await call(t, "/api/v1/auth/login", { json: login, origin: "https://evil.test" })).status).toBe(403);
    expect((await call(t, "/api/v1/auth/login", { json: login, origin: "null" })).status).toBe(403);
    expect((await call(t, "/api/v1/auth/login", { json: login })).status).toBe(200);
  });
});
