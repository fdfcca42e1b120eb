import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countWrites, storedText } from "../../testing/rows";
import { call, createTestApp, signUp, type TestApp } from "../../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { keyFailureLimit: { failures: 5, windowSeconds: 60 } } });
});
afterEach(async () => {
  await t.close();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`api:${key}`).toString("base64")}` });

async function createKey(cookie: string, name: string) {
  const res = await call(t, "/api/v1/me/api-keys", { cookie, json: { name } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; name: string; key: string; createdAt: string; lastUsedAt: null };
}

describe("personal API keys", () => {
  it("shows the key once, in the create response only", async () => {
    const ada = await signUp(t);
    const created = await createKey(ada.cookie, "laptop");
    expect(created).toMatchObject({ name: "laptop", lastUsedAt: null });
    expect(created.key).toMatch(new RegExp(`^hb_v1_${created.id}_[0-9A-Za-z]{38}$`));
    const list = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie })).json();
    expect(list.items).toEqual([
      {
        id: created.id,
        name: "laptop",
        createdAt: created.createdAt,
        lastUsedAt: null,
        scope: "full",
        expiresAt: null,
        revokedAt: null,
        revokedReason: null,
        recentAddresses: [],
      },
    ]);
    expect(JSON.stringify(list)).not.toContain(created.key.slice(-38));
  });

  it("authenticates /viewer with Bearer and with Basic api:KEY", async () => {
    const ada = await signUp(t);
    const { key } = await createKey(ada.cookie, "ci");
    for (const headers of [bearer(key), basic(key)]) {
      const res = await call(t, "/api/v1/viewer", { headers });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: ada.user.id, username: ada.user.username });
    }
    const me = await call(t, "/api/v1/me/settings", { headers: bearer(key) });
    expect(me.status).toBe(200);
  });

  it("lists newest first and filters by part of the name or ID, ignoring case", async () => {
    const ada = await signUp(t);
    const a = await createKey(ada.cookie, "Training cluster");
    const b = await createKey(ada.cookie, "notebook");
    const c = await createKey(ada.cookie, "100%_done");
    const ids = async (q?: string) =>
      (
        await (
          await call(t, `/api/v1/me/api-keys${q === undefined ? "" : `?q=${encodeURIComponent(q)}`}`, {
            cookie: ada.cookie,
          })
        ).json()
      ).items.map((k: { id: string }) => k.id);
    expect(await ids()).toEqual([c.id, b.id, a.id]);
    expect(await ids("CLUSTER")).toEqual([a.id]);
    expect(await ids(b.id.slice(3, 9).toLowerCase())).toContain(b.id);
    expect(await ids("%")).toEqual([c.id]);
    expect(await ids("_")).toEqual([c.id]);
    expect(await ids("nothing-like-this")).toEqual([]);
  });

  it("validates the name", async () => {
    const ada = await signUp(t);
    for (const name of ["", "   ", "x".repeat(65)]) {
      const res = await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name } });
      expect(res.status).toBe(422);
      expect((await res.json()).errors[0].path).toBe("name");
    }
  });

  it("stops working on the very next request after deletion", async () => {
    const ada = await signUp(t);
    const { id, key } = await createKey(ada.cookie, "doomed");
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key) })).status).toBe(200);
    expect((await call(t, `/api/v1/me/api-keys/${id}`, { cookie: ada.cookie, method: "DELETE" })).status).toBe(204);
    const after = await call(t, "/api/v1/viewer", { headers: bearer(key) });
    expect(after.status).toBe(401);
    expect(after.headers.get("content-type")).toBe("application/problem+json");
    expect((await call(t, "/api/v1/viewer", { headers: basic(key) })).status).toBe(401);
    expect((await call(t, `/api/v1/me/api-keys/${id}`, { cookie: ada.cookie, method: "DELETE" })).status).toBe(404);
  });

  it("answers 404 for another user's key ID, which keeps working", async () => {
    const ada = await signUp(t);
    const eve = await signUp(t);
    const { id, key } = await createKey(ada.cookie, "mine");
    expect((await call(t, `/api/v1/me/api-keys/${id}`, { cookie: eve.cookie, method: "DELETE" })).status).toBe(404);
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key) })).status).toBe(200);
  });

  it("refuses keys on the session-only routes with 403", async () => {
    const ada = await signUp(t);
    const { id, key } = await createKey(ada.cookie, "script");
    const create = await call(t, "/api/v1/me/api-keys", { headers: bearer(key), json: { name: "escalate" } });
    expect(create.status).toBe(403);
    expect((await create.json()).detail).toMatch(/session/);
    const remove = await call(t, `/api/v1/me/api-keys/${id}`, { headers: basic(key), method: "DELETE" });
    expect(remove.status).toBe(403);
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key) })).status).toBe(200);
    // Listing is fine with a key.
    expect((await call(t, "/api/v1/me/api-keys", { headers: bearer(key) })).status).toBe(200);
  });

  it("rejects malformed, tampered and unknown keys with 401, then rate limits the IP with 429", async () => {
    const ada = await signUp(t);
    const { key } = await createKey(ada.cookie, "real");
    const tampered = `${key.slice(0, -1)}${key.endsWith("a") ? "b" : "a"}`;
    const attempts = ["not-a-key", tampered, "hb_v1_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ""];
    for (const bad of attempts) {
      expect((await call(t, "/api/v1/viewer", { headers: bearer(bad) })).status).toBe(401);
    }
    const fifth = await call(t, "/api/v1/viewer", { headers: bearer("guess") });
    expect(fifth.status).toBe(401);
    const sixth = await call(t, "/api/v1/viewer", { headers: bearer("guess-again") });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0);
    // While blocked, even a good key waits: guessing gains nothing.
    expect((await call(t, "/api/v1/viewer", { headers: bearer(key) })).status).toBe(429);
    // The session cookie is not an API-key attempt.
    expect((await call(t, "/api/v1/viewer", { cookie: ada.cookie })).status).toBe(200);
  });

  it("writes lastUsedAt at most twice for a burst of 1,000 requests, and reports it", async () => {
    const ada = await signUp(t);
    const { id, key } = await createKey(ada.cookie, "busy");
    const touches = await countWrites(t.db, "api_keys", "last_used_at");
    for (let i = 0; i < 1000; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          call(t, "/api/v1/viewer", { headers: (i + j) % 2 ? bearer(key) : basic(key) }),
        ),
      );
      expect(batch.every((r) => r.status === 200)).toBe(true);
    }
    const n = await touches();
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(2);
    const listed = (await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie })).json()).items[0];
    expect(listed.id).toBe(id);
    expect(Date.now() - Date.parse(listed.lastUsedAt)).toBeLessThan(60_000);
  });

  it("keeps secrets out of the database and the logs", async () => {
    const ada = await signUp(t);
    const keys = [await createKey(ada.cookie, "one"), await createKey(ada.cookie, "two")];
    for (const { key } of keys) await call(t, "/api/v1/viewer", { headers: basic(key) });
    await call(t, "/api/v1/viewer", { headers: bearer(`${keys[0]!.key}x`) });
    const stored = await storedText(t.db);
    // The keys are stored (as digests), so the search below looks where they are.
    for (const { id } of keys) expect(stored).toContain(id);
    const logs = t.logs.join("\n");
    expect(logs.length).toBeGreaterThan(0);
    for (const { key } of keys) {
      const secret = key.split("_")[3]!;
      expect(stored.includes(key)).toBe(false);
      expect(stored.includes(secret)).toBe(false);
      expect(logs.includes(secret)).toBe(false);
    }
    const token = ada.cookie.split("=")[1]!;
    expect(logs.includes(token)).toBe(false);
    expect(stored.includes(token)).toBe(false);
  });
});

describe("service accounts", () => {
  async function teamWithAccount() {
    const admin = await signUp(t, { username: "boss" });
    const member = await signUp(t, { username: "worker" });
    await call(t, "/api/v1/teams", { cookie: admin.cookie, json: { name: "ml-team" } });
    await call(t, "/api/v1/teams/ml-team/members", {
      cookie: admin.cookie,
      json: { username: "worker", role: "member" },
    });
    const sa = await call(t, "/api/v1/teams/ml-team/service-accounts", {
      cookie: admin.cookie,
      json: { name: "ci-bot" },
    });
    expect(sa.status).toBe(201);
    const { id } = await sa.json();
    return { admin, member, saId: id as string };
  }

  it("lets team admins create accounts with several keys, listed with their IDs", async () => {
    const { admin, saId } = await teamWithAccount();
    const k1 = await call(t, `/api/v1/teams/ml-team/service-accounts/${saId}/api-keys`, {
      cookie: admin.cookie,
      json: { name: "prod" },
    });
    const k2 = await call(t, `/api/v1/teams/ml-team/service-accounts/${saId}/api-keys`, {
      cookie: admin.cookie,
      json: { name: "staging" },
    });
    expect(k1.status).toBe(201);
    const first = await k1.json();
    const second = await k2.json();
    expect(first.key).toMatch(/^hb_v1_/);
    const list = await (await call(t, "/api/v1/teams/ml-team/service-accounts", { cookie: admin.cookie })).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: saId, name: "ci-bot" });
    expect(list.items[0].apiKeys.map((k: { id: string }) => k.id)).toEqual([second.id, first.id]);
    expect(JSON.stringify(list)).not.toContain(first.key);
  });

  it("acts for its team: /viewer names the team, and it has no /me", async () => {
    const { admin, saId } = await teamWithAccount();
    const { key } = await (
      await call(t, `/api/v1/teams/ml-team/service-accounts/${saId}/api-keys`, {
        cookie: admin.cookie,
        json: { name: "prod" },
      })
    ).json();
    const viewer = await call(t, "/api/v1/viewer", { headers: bearer(key) });
    expect(viewer.status).toBe(200);
    expect(await viewer.json()).toMatchObject({
      username: "ci-bot",
      entity: "ml-team",
      teams: ["ml-team"],
      admin: false,
    });
    expect((await call(t, "/api/v1/me/settings", { headers: bearer(key) })).status).toBe(403);
    expect((await call(t, "/api/v1/me/api-keys", { headers: bearer(key), json: { name: "x" } })).status).toBe(403);
    expect((await call(t, "/api/v1/teams/ml-team/service-accounts", { headers: bearer(key) })).status).toBe(403);
  });

  it("deleting a service-account key stops it at once", async () => {
    const { admin, saId } = await teamWithAccount();
    const created = await (
      await call(t, `/api/v1/teams/ml-team/service-accounts/${saId}/api-keys`, {
        cookie: admin.cookie,
        json: { name: "prod" },
      })
    ).json();
    const del = await call(t, `/api/v1/teams/ml-team/service-accounts/${saId}/api-keys/${created.id}`, {
      cookie: admin.cookie,
      method: "DELETE",
    });
    expect(del.status).toBe(204);
    expect((await call(t, "/api/v1/viewer", { headers: bearer(created.key) })).status).toBe(401);
  });

  it("is refused to members (403), outsiders (404) and key-authenticated admins (403 for keys)", async () => {
    const { admin, member, saId } = await teamWithAccount();
    const outsider = await signUp(t);
    expect((await call(t, "/api/v1/teams/ml-team/service-accounts", { cookie: member.cookie })).status).toBe(403);
    expect(
      (await call(t, "/api/v1/teams/ml-team/service-accounts", { cookie: member.cookie, json: { name: "x" } })).status,
    ).toBe(403);
    expect((await call(t, "/api/v1/teams/ml-team/service-accounts", { cookie: outsider.cookie })).status).toBe(404);
    const { key } = await (
      await call(t, "/api/v1/me/api-keys", { cookie: admin.cookie, json: { name: "admin-key" } })
    ).json();
    const viaKey = await call(t, `/api/v1/teams/ml-team/service-accounts/${saId}/api-keys`, {
      headers: bearer(key),
      json: { name: "x" },
    });
    expect(viaKey.status).toBe(403);
    expect(
      (
        await call(t, `/api/v1/teams/ml-team/service-accounts/nope/api-keys`, {
          cookie: admin.cookie,
          json: { name: "x" },
        })
      ).status,
    ).toBe(404);
  });
});

describe("GraphQL viewer", () => {
  const QUERY = "query Viewer { viewer { id entity username email flags teams { edges { node { name } } } } }";

  it("answers the wandb SDK's Viewer query with a key, and null without one", async () => {
    const ada = await signUp(t, { username: "ada" });
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "lab" } });
    await call(t, "/api/v1/me/beta-features/run-comparer-v2", {
      cookie: ada.cookie,
      method: "PUT",
      json: { enabled: true },
    });
    const { key } = await createKey(ada.cookie, "sdk");
    const res = await call(t, "/graphql", { headers: basic(key), json: { query: QUERY } });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.viewer).toMatchObject({
      id: ada.user.id,
      entity: "lab",
      username: "ada",
      email: ada.email,
      teams: { edges: [{ node: { name: "lab" } }] },
    });
    expect(JSON.parse(data.viewer.flags)).toEqual({ "run-comparer-v2": true });
    const anonymous = await call(t, "/graphql", { json: { query: QUERY } });
    expect(await anonymous.json()).toEqual({ data: { viewer: null } });
    const bad = await call(t, "/graphql", { headers: bearer("hb_v1_nope"), json: { query: QUERY } });
    expect(bad.status).toBe(200);
    expect(await bad.json()).toEqual({ data: { viewer: null } });
  });

  it("answers the Viewer query of recent wandb SDKs, which asks serverInfo too, and their older introspection probe", async () => {
    const ada = await signUp(t, { username: "ada" });
    const { key } = await createKey(ada.cookie, "sdk");
    const withServerInfo = `query Viewer {
      viewer { id entity username email flags teams { edges { node { name } } } }
      serverInfo { cliVersionInfo latestLocalVersionInfo { outOfDate latestVersionString versionOnThisInstanceString } }
    }`;
    const res = await call(t, "/graphql", { headers: basic(key), json: { query: withServerInfo } });
    expect(res.status).toBe(200);
    const { data, errors } = await res.json();
    expect(errors).toBeUndefined();
    expect(data.viewer).toMatchObject({ id: ada.user.id, username: "ada", entity: "ada" });
    // The SDK reads cliVersionInfo as an object: .get("max_cli_version") → none.
    expect(data.serverInfo.cliVersionInfo).toEqual({});
    expect(data.serverInfo.latestLocalVersionInfo.outOfDate).toBe(false);

    const probe = `query ProbeServerCapabilities {
      QueryType: __type(name: "Query") { ...fieldData }
      ServerInfoType: __type(name: "ServerInfo") { ...fieldData }
    }
    fragment fieldData on __Type { fields { name } }`;
    const probed = await call(t, "/graphql", { headers: basic(key), json: { query: probe } });
    expect(probed.status).toBe(200);
    const types = (await probed.json()).data;
    expect(types.QueryType.fields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(["viewer", "serverInfo"]),
    );
    expect(types.ServerInfoType.fields.map((f: { name: string }) => f.name)).toContain("cliVersionInfo");
  });

  it("answers wandb.Api().viewer's query (admin, the caller's own keys) and the SDK's server-features probe", async () => {
    const ada = await signUp(t, { username: "ada" });
    const first = await createKey(ada.cookie, "laptop");
    const second = await createKey(ada.cookie, "cluster");
    const grace = await signUp(t, { username: "grace" });
    await createKey(grace.cookie, "not ada's");
    const publicApiViewer = `query Viewer {
      viewer { id flags entity username email admin
        apiKeys { edges { node { id name description } } }
        teams { edges { node { name } } } }
    }`;
    const res = await call(t, "/graphql", { headers: basic(first.key), json: { query: publicApiViewer } });
    expect(res.status).toBe(200);
    const { data, errors } = await res.json();
    expect(errors).toBeUndefined();
    expect(data.viewer.admin).toBe(true);
    const keys = data.viewer.apiKeys.edges.map((e: { node: { id: string; name: string } }) => e.node);
    expect(keys.map((k: { name: string }) => k.name).sort()).toEqual(["cluster", "laptop"]);
    expect(keys.map((k: { id: string }) => k.id).sort()).toEqual([first.id, second.id].sort());
    // Only IDs and names: no secret is ever served again.
    expect(JSON.stringify(data)).not.toContain(first.key);

    const features = "query ServerFeaturesQuery { serverInfo { features { name isEnabled } } }";
    const probed = await call(t, "/graphql", { headers: basic(first.key), json: { query: features } });
    expect(await probed.json()).toEqual({ data: { serverInfo: { features: [] } } });
  });

  it("refuses what it does not serve with an error naming the operation", async () => {
    const other = await call(t, "/graphql", { json: { query: "query ListUsers { users { id } }" } });
    expect(other.status).toBe(400);
    expect((await other.json()).errors[0].message).toMatch(/"ListUsers".*users/);
    const mutation = await call(t, "/graphql", {
      json: { query: "mutation DeleteEverything { deleteEverything }", operationName: "DeleteEverything" },
    });
    expect(mutation.status).toBe(400);
    expect((await mutation.json()).errors[0].message).toMatch(/"DeleteEverything"/);
    const broken = await call(t, "/graphql", { json: { query: "{ viewer { " } });
    expect(broken.status).toBe(400);
    expect((await call(t, "/graphql", { json: { nope: 1 } })).status).toBe(400);
    // Malformed variables or operation names are the caller's mistake, never a 500.
    for (const extra of [{ variables: "str" }, { variables: [1] }, { variables: 3 }, { operationName: 5 }]) {
      const res = await call(t, "/graphql", { json: { query: "{ viewer { id } }", ...extra } });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect((await res.json()).errors[0].message).toMatch(/variables|operationName/);
    }
    const twoOps = await call(t, "/graphql", {
      json: { query: "query A { viewer { id } } query B { viewer { id } }" },
    });
    expect(twoOps.status).toBeLessThan(500);
  });
});
