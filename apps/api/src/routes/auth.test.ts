import { tables } from "@homebase/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolvePublicUrl } from "../config";
import { parseTrustedProxies } from "../lib/client-ip";
import { call, createTestApp, sessionCookie, signUp, TEST_ORIGIN, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const signup = (json: unknown) => call(t, "/api/v1/auth/signup", { json });
const login = (json: unknown) => call(t, "/api/v1/auth/login", { json });

describe("signup", () => {
  it.each([
    ["too short", "ab"],
    ["too long", "a".repeat(33)],
    ["spaces", "ada lovelace"],
    ["punctuation", "ada.lovelace"],
    ["non-ascii", "adä"],
  ])("rejects a username that is %s with 422 naming the field", async (_why, username) => {
    const res = await signup({ username, email: "ada@example.com", password: "long enough" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = await res.json();
    expect(body).toMatchObject({ status: 422, title: "Unprocessable Content" });
    expect(body.errors).toEqual([expect.objectContaining({ path: "username" })]);
  });

  it("rejects a short password and a bad email, naming both fields", async () => {
    const res = await signup({ username: "ada", email: "not-an-email", password: "1234567" });
    expect(res.status).toBe(422);
    const paths = (await res.json()).errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["email", "password"]);
  });

  it("stores the username in lower case and makes the first user the admin", async () => {
    const first = await signup({ username: "Ada_Lovelace", email: "ADA@example.com", password: "long enough" });
    expect(first.status).toBe(201);
    expect((await first.json()).user).toMatchObject({
      username: "ada_lovelace",
      email: "ada@example.com",
      admin: true,
    });
    const second = await signUp(t);
    expect(second.user.admin).toBe(false);
  });

  it("makes exactly one of ten simultaneous first sign-ups the admin", async () => {
    // Open the database's connections first (a PostgreSQL pool), so the sign-ups truly overlap.
    await Promise.all(Array.from({ length: 8 }, () => call(t, "/readyz")));
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        signup({ username: `founder${i}`, email: `founder${i}@example.com`, password: "long enough" }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const users = await Promise.all(responses.map(async (r) => (await r.json()).user));
    expect(users.filter((u) => u.admin)).toHaveLength(1);
    expect((await signUp(t)).user.admin).toBe(false);
  });

  it("answers simultaneous sign-ups of one username with one account and 409 for the rest", async () => {
    await signUp(t);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        signup({ username: "twin", email: `twin${i}@example.com`, password: "long enough" }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of responses.filter((r) => r.status === 409)) {
      expect((await r.json()).errors).toEqual([expect.objectContaining({ path: "username" })]);
    }
  });

  it("answers 409 for a taken username or email, in any case", async () => {
    await signUp(t, { username: "grace", email: "grace@example.com" });
    const sameName = await signup({ username: "GRACE", email: "other@example.com", password: "long enough" });
    expect(sameName.status).toBe(409);
    expect((await sameName.json()).errors).toEqual([expect.objectContaining({ path: "username" })]);
    const sameEmail = await signup({ username: "grace2", email: "Grace@Example.com", password: "long enough" });
    expect(sameEmail.status).toBe(409);
    expect((await sameEmail.json()).errors).toEqual([expect.objectContaining({ path: "email" })]);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie that is not Secure on http", async () => {
    const res = await signup({ username: "ada", email: "ada@example.com", password: "long enough" });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^hb_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Secure");
  });

  it("marks the cookie Secure when PUBLIC_URL is https", async () => {
    const secure = await createTestApp({ config: { publicUrl: "https://homebase.example.com" } });
    try {
      const res = await call(secure, "/api/v1/auth/signup", {
        json: { username: "ada", email: "ada@example.com", password: "long enough" },
      });
      expect(res.headers.get("set-cookie")).toContain("Secure");
    } finally {
      await secure.close();
    }
  });

  it("stores only a digest of the session token", async () => {
    const { cookie } = await signUp(t);
    const token = cookie.split("=")[1]!;
    const { sessions } = tables(t.db);
    const rows = await t.db.select({ tokenHash: sessions.tokenHash }).from(sessions);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("login", () => {
  it("signs in with username or email and sets a new session", async () => {
    const { email, password, user } = await signUp(t, { username: "linus" });
    for (const who of ["linus", "LINUS", email.toUpperCase()]) {
      const res = await login({ login: who, password });
      expect(res.status).toBe(200);
      const cookie = sessionCookie(res);
      const viewer = await call(t, "/api/v1/viewer", { cookie });
      expect(await viewer.json()).toMatchObject({ id: user.id, username: "linus", entity: "linus" });
    }
  });

  it("answers an unknown user and a wrong password alike", async () => {
    await signUp(t, { username: "linus" });
    const unknown = await login({ login: "nobody", password: "whatever123" });
    const wrong = await login({ login: "linus", password: "whatever123" });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
    expect(unknown.headers.get("set-cookie")).toBeNull();
  });

  it("answers the 11th failure in the window with 429 and Retry-After, even with the right password", async () => {
    const { password } = await signUp(t, { username: "target" });
    for (let i = 0; i < 10; i++) {
      expect((await login({ login: "target", password: "wrong password" })).status).toBe(401);
    }
    const blocked = await login({ login: "target", password });
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await blocked.json()).status).toBe(429);
    // The counters live in Redis under this deployment's prefix.
    expect((await t.redis.keys(`${t.prefix}:rl:*`)).length).toBeGreaterThan(0);
  });

  it("limits failures per IP across accounts", async () => {
    const limited = await createTestApp({ config: { trustedProxies: parseTrustedProxies("*") } });
    try {
      const headers = { "x-forwarded-for": "203.0.113.7" };
      for (let i = 0; i < 10; i++) {
        await call(limited, "/api/v1/auth/login", {
          json: { login: `guess-${i}`, password: "wrong password" },
          headers,
        });
      }
      const res = await call(limited, "/api/v1/auth/login", { json: { login: "another", password: "x" }, headers });
      expect(res.status).toBe(429);
      const other = await call(limited, "/api/v1/auth/login", {
        json: { login: "another", password: "x" },
        headers: { "x-forwarded-for": "203.0.113.8" },
      });
      expect(other.status).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

describe("sessions", () => {
  it("refuses a cookie POST without Origin or with a foreign Origin", async () => {
    const { cookie } = await signUp(t);
    const none = await call(t, "/api/v1/auth/logout", { method: "POST", cookie, origin: null });
    expect(none.status).toBe(403);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    const foreign = await call(t, "/api/v1/auth/logout", { method: "POST", cookie, origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    // The session survived both attempts.
    expect((await call(t, "/api/v1/viewer", { cookie })).status).toBe(200);
    const same = await call(t, "/api/v1/auth/logout", { method: "POST", cookie, origin: TEST_ORIGIN });
    expect(same.status).toBe(204);
  });

  it("with the default PUBLIC_URL, takes the same server's loopback names as its own origin, and no other port", async () => {
    await t.close();
    t = await createTestApp({ config: resolvePublicUrl(undefined, 4321) });
    const { cookie } = await signUp(t);
    const otherPort = await call(t, "/api/v1/auth/logout", { method: "POST", cookie, origin: "http://127.0.0.1:4322" });
    expect(otherPort.status).toBe(403);
    const loopback = await call(t, "/api/v1/auth/logout", { method: "POST", cookie, origin: "http://127.0.0.1:4321" });
    expect(loopback.status).toBe(204);
  });

  it("with an explicit PUBLIC_URL, refuses even a loopback name of the same server", async () => {
    await t.close();
    t = await createTestApp({ config: resolvePublicUrl("http://localhost:4321", 4321) });
    const { cookie } = await signUp(t);
    const loopback = await call(t, "/api/v1/auth/logout", { method: "POST", cookie, origin: "http://127.0.0.1:4321" });
    expect(loopback.status).toBe(403);
  });

  it("logout revokes the session server-side, so the old cookie is useless", async () => {
    const { cookie } = await signUp(t);
    expect((await call(t, "/api/v1/viewer", { cookie })).status).toBe(200);
    const out = await call(t, "/api/v1/auth/logout", { method: "POST", cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/hb_session=;.*Max-Age=0/);
    const after = await call(t, "/api/v1/viewer", { cookie });
    expect(after.status).toBe(401);
    expect(after.headers.get("content-type")).toBe("application/problem+json");
  });

  it("expires a session after 30 days idle and slides while it is used", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    const clocked = await createTestApp({ clock: { now: () => now } });
    try {
      const { cookie } = await signUp(clocked);
      now = new Date("2026-01-25T00:00:00Z");
      expect((await call(clocked, "/api/v1/viewer", { cookie })).status).toBe(200);
      now = new Date("2026-02-20T00:00:00Z"); // 26 days after the last use, 50 after signup
      expect((await call(clocked, "/api/v1/viewer", { cookie })).status).toBe(200);
      now = new Date("2026-03-23T00:00:00Z"); // 31 days idle
      expect((await call(clocked, "/api/v1/viewer", { cookie })).status).toBe(401);
    } finally {
      await clocked.close();
    }
  });

  it("answers 401 without credentials and with a forged cookie", async () => {
    expect((await call(t, "/api/v1/viewer")).status).toBe(401);
    expect((await call(t, "/api/v1/viewer", { cookie: "hb_session=forged" })).status).toBe(401);
  });
});
