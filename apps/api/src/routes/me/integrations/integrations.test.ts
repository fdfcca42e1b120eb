import { tables } from "@homebase/db";
import { type FakeGithub, startFakeGithub } from "@homebase/fake-github";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resolvePublicUrl } from "../../../config";
import { countRows, storedText } from "../../../testing/rows";
import { call, createTestApp, signUp, type TestApp } from "../../../testing/test-app";

let github: FakeGithub;
let t: TestApp;
beforeAll(async () => {
  github = await startFakeGithub();
});
afterAll(async () => {
  await github.close();
});
beforeEach(async () => {
  t = await createTestApp({
    config: { github: { clientId: github.clientId, clientSecret: github.clientSecret, baseUrl: github.url } },
  });
});
afterEach(async () => {
  await t.close();
});

/** Starts the flow as the browser does and returns the state from GitHub's authorize URL. */
async function startConnect(cookie: string) {
  const res = await call(t, "/api/v1/me/integrations/github/connect", { cookie });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location")!);
  expect(`${location.origin}${location.pathname}`).toBe(`${github.url}/login/oauth/authorize`);
  expect(location.searchParams.get("client_id")).toBe(github.clientId);
  expect(location.searchParams.get("redirect_uri")).toBe("http://localhost:3000/api/v1/integrations/github/callback");
  return location.searchParams.get("state")!;
}

const callback = (cookie: string, query: Record<string, string>, accept = "application/json") =>
  call(t, `/api/v1/integrations/github/callback?${new URLSearchParams(query)}`, { cookie, headers: { accept } });

const integrations = async (cookie: string) => (await call(t, "/api/v1/me/integrations", { cookie })).json();
const storedConnections = () => countRows(t.db, tables(t.db).githubConnections);

describe("GitHub integration", () => {
  it("with the default PUBLIC_URL, sends GitHub back to the loopback name the browser used, and no other host", async () => {
    await t.close();
    t = await createTestApp({
      config: {
        ...resolvePublicUrl(undefined, 3000),
        github: { clientId: github.clientId, clientSecret: github.clientSecret, baseUrl: github.url },
      },
    });
    const ada = await signUp(t);
    const redirectFor = async (host: string) => {
      const res = await call(t, "/api/v1/me/integrations/github/connect", { cookie: ada.cookie, headers: { host } });
      return new URL(res.headers.get("location")!).searchParams.get("redirect_uri");
    };
    expect(await redirectFor("127.0.0.1:3000")).toBe("http://127.0.0.1:3000/api/v1/integrations/github/callback");
    expect(await redirectFor("evil.example")).toBe("http://localhost:3000/api/v1/integrations/github/callback");
  });

  it("connects through the OAuth web flow and stores the token encrypted", async () => {
    const ada = await signUp(t);
    expect(await integrations(ada.cookie)).toEqual({
      github: {
        configured: true,
        connected: false,
        callbackUrl: "http://localhost:3000/api/v1/integrations/github/callback",
      },
      slack: { connected: false },
    });
    const state = await startConnect(ada.cookie);
    const res = await callback(ada.cookie, { code: github.issueCode(), state });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/settings/integrations?github=connected");
    const after = await integrations(ada.cookie);
    expect(after.github).toMatchObject({
      connected: true,
      login: "octo-ada",
      avatarUrl: "https://avatars.example/octo-ada.png",
    });
    expect(Date.parse(after.github.connectedAt)).toBeGreaterThan(0);
    const [token] = [...github.liveTokens];
    const stored = await storedText(t.db);
    expect(stored).toContain("octo-ada");
    expect(stored.includes(token!)).toBe(false);
    expect(t.logs.join("\n")).not.toContain(token!);
  });

  it("stores nothing for a mismatched, replayed, other-session or expired state", async () => {
    const ada = await signUp(t);
    const other = await signUp(t);
    const state = await startConnect(ada.cookie);
    expect((await callback(ada.cookie, { code: github.issueCode(), state: "forged" })).status).toBe(400);
    // Another session cannot use Ada's state, and the attempt uses it up.
    expect((await callback(other.cookie, { code: github.issueCode(), state })).status).toBe(400);
    expect((await callback(ada.cookie, { code: github.issueCode(), state })).status).toBe(400);
    // A used state cannot be replayed.
    const fresh = await startConnect(ada.cookie);
    expect((await callback(ada.cookie, { code: github.issueCode(), state: fresh })).status).toBe(302);
    await call(t, "/api/v1/me/integrations/github", { cookie: ada.cookie, method: "DELETE" });
    const replay = await callback(ada.cookie, { code: github.issueCode(), state: fresh }, "text/html");
    expect(replay.status).toBe(400);
    expect(replay.headers.get("content-type")).toContain("text/html");
    expect(await replay.text()).toContain("/settings/integrations?github=bad-state");
    expect(await storedConnections()).toBe(0);
  });

  it("refuses an expired state", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    const clocked = await createTestApp({
      clock: { now: () => now },
      config: { github: { clientId: github.clientId, clientSecret: github.clientSecret, baseUrl: github.url } },
    });
    try {
      const ada = await signUp(clocked);
      const res = await call(clocked, "/api/v1/me/integrations/github/connect", { cookie: ada.cookie });
      const state = new URL(res.headers.get("location")!).searchParams.get("state")!;
      now = new Date("2026-01-01T00:10:01Z");
      const late = await call(
        clocked,
        `/api/v1/integrations/github/callback?code=${github.issueCode()}&state=${state}`,
        { cookie: ada.cookie },
      );
      expect(late.status).toBe(400);
      expect((await late.json()).detail).toMatch(/expired/);
    } finally {
      await clocked.close();
    }
  });

  it("returns a denied authorization or a failed exchange to the page, storing nothing", async () => {
    const ada = await signUp(t);
    const denied = await callback(ada.cookie, { error: "access_denied", state: await startConnect(ada.cookie) });
    expect(denied.headers.get("location")).toBe("/settings/integrations?github=denied");
    const failed = await callback(ada.cookie, { code: "not-a-real-code", state: await startConnect(ada.cookie) });
    expect(failed.status).toBe(302);
    expect(failed.headers.get("location")).toBe("/settings/integrations?github=error");
    expect(await storedConnections()).toBe(0);
  });

  it("disconnect deletes the token and revokes it at GitHub", async () => {
    const ada = await signUp(t);
    await callback(ada.cookie, { code: github.issueCode(), state: await startConnect(ada.cookie) });
    const token = [...github.liveTokens].at(-1)!;
    const res = await call(t, "/api/v1/me/integrations/github", { cookie: ada.cookie, method: "DELETE" });
    expect(res.status).toBe(204);
    expect(github.revoked).toContain(token);
    expect(github.requests).toContain(`DELETE /api/v3/applications/${github.clientId}/token`);
    expect((await integrations(ada.cookie)).github.connected).toBe(false);
  });

  it("needs a browser session to connect", async () => {
    const ada = await signUp(t);
    const { key } = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name: "k" } })).json();
    const res = await call(t, "/api/v1/me/integrations/github/connect", {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(403);
  });

  it("gives the callback URL to register from the public origin: PUBLIC_URL, or the loopback name in use", async () => {
    const callbackOf = async (app: TestApp, cookie: string, host?: string) =>
      (await (await call(app, "/api/v1/me/integrations", { cookie, headers: host ? { host } : {} })).json()).github
        .callbackUrl;
    const publicApp = await createTestApp({ config: { publicUrl: "https://homebase.example.com/" } });
    try {
      const ada = await signUp(publicApp);
      // Whatever Host the request carries, an explicit PUBLIC_URL decides.
      expect(await callbackOf(publicApp, ada.cookie, "evil.example")).toBe(
        "https://homebase.example.com/api/v1/integrations/github/callback",
      );
    } finally {
      await publicApp.close();
    }
    await t.close();
    t = await createTestApp({
      config: {
        ...resolvePublicUrl(undefined, 3000),
        github: { clientId: github.clientId, clientSecret: github.clientSecret, baseUrl: github.url },
      },
    });
    const ada = await signUp(t);
    // The same URL the connect redirect hands GitHub, so registering it makes the flow work.
    const res = await call(t, "/api/v1/me/integrations/github/connect", {
      cookie: ada.cookie,
      headers: { host: "127.0.0.1:3000" },
    });
    const sent = new URL(res.headers.get("location")!).searchParams.get("redirect_uri");
    expect(await callbackOf(t, ada.cookie, "127.0.0.1:3000")).toBe(sent);
    expect(await callbackOf(t, ada.cookie, "evil.example")).toBe(
      "http://localhost:3000/api/v1/integrations/github/callback",
    );
  });

  it("says so when GitHub is not configured", async () => {
    const bare = await createTestApp();
    try {
      const ada = await signUp(bare);
      expect((await (await call(bare, "/api/v1/me/integrations", { cookie: ada.cookie })).json()).github).toEqual({
        configured: false,
        connected: false,
        callbackUrl: "http://localhost:3000/api/v1/integrations/github/callback",
      });
      const res = await call(bare, "/api/v1/me/integrations/github/connect", { cookie: ada.cookie });
      expect(res.status).toBe(409);
      expect((await res.json()).detail).toMatch(/not configured/);
    } finally {
      await bare.close();
    }
  });
});
