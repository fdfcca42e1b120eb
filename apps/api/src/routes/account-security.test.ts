import { tables } from "@homebase/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseTrustedProxies } from "../lib/client-ip";
import {
  accountEmailsTo,
  call,
  createTestApp,
  sessionCookie,
  signUp,
  type TestApp,
  verifyEmail,
} from "../testing/test-app";

let t: TestApp;
let nowMs: number;
beforeEach(async () => {
  nowMs = Date.now();
  t = await createTestApp({
    clock: { now: () => new Date(nowMs) },
    config: { trustedProxies: parseTrustedProxies("*") },
  });
});
afterEach(async () => {
  await t.close();
});

const me = async (cookie: string) => (await call(t, "/api/v1/me", { cookie })).json();
const login = (loginName: string, password: string, ip = "203.0.113.1") =>
  call(t, "/api/v1/auth/login", { json: { login: loginName, password }, headers: { "x-forwarded-for": ip } });
const lastToken = async (to: string, kind: string) =>
  (await accountEmailsTo(t, to)).filter((m) => m.kind === kind).at(-1)?.token;

describe("email verification", () => {
  it("sends a link at sign-up; the link verifies the address once", async () => {
    const ada = await signUp(t, { username: "ada", email: "Ada@Example.com" });
    expect(await me(ada.cookie)).toMatchObject({ email: "ada@example.com", emailVerified: false });
    expect((await (await call(t, "/api/v1/viewer", { cookie: ada.cookie })).json()).emailVerified).toBe(false);
    const token = await lastToken("ada@example.com", "verify-email");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the digest is stored.
    const { userTokens } = tables(t.db);
    const stored = await t.db.select({ tokenHash: userTokens.tokenHash }).from(userTokens);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token!);

    expect((await call(t, "/api/v1/auth/verify-email", { json: { token } })).status).toBe(204);
    expect(await me(ada.cookie)).toMatchObject({ emailVerified: true });
    const again = await call(t, "/api/v1/auth/verify-email", { json: { token } });
    expect(again.status).toBe(400);
    expect((await again.json()).detail).toMatch(/already used, has expired/);
    expect((await call(t, "/api/v1/auth/verify-email", { json: { token: "nope" } })).status).toBe(400);
    expect((await call(t, "/api/v1/me/email/verification", { cookie: ada.cookie, method: "POST" })).status).toBe(409);
  });

  it("a link is valid for 24 hours, and a resent link replaces the earlier one", async () => {
    const bob = await signUp(t, { username: "bob", email: "bob@example.com" });
    const first = await lastToken("bob@example.com", "verify-email");
    const resent = await call(t, "/api/v1/me/email/verification", { cookie: bob.cookie, method: "POST" });
    expect(resent.status).toBe(202);
    expect(await resent.json()).toEqual({ to: "bob@example.com" });
    const second = await lastToken("bob@example.com", "verify-email");
    expect(second).not.toBe(first);
    expect((await call(t, "/api/v1/auth/verify-email", { json: { token: first } })).status).toBe(400);
    nowMs += 24 * 3600_000 + 1000;
    expect((await call(t, "/api/v1/auth/verify-email", { json: { token: second } })).status).toBe(400);
    expect(await me(bob.cookie)).toMatchObject({ emailVerified: false });
  });

  it("rate-limits resending", async () => {
    const cy = await signUp(t, { username: "cyd", email: "cyd@example.com" });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await call(t, "/api/v1/me/email/verification", { cookie: cy.cookie, method: "POST" })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe("changing the email address", () => {
  it("needs the password, tells the old address, and switches once the new one is verified", async () => {
    const ada = await signUp(t, { username: "ada", email: "ada@old.test" });
    await verifyEmail(t, "ada@old.test");
    const wrong = await call(t, "/api/v1/me/email", {
      cookie: ada.cookie,
      method: "PUT",
      json: { email: "ada@new.test", password: "wrong password" },
    });
    expect(wrong.status).toBe(401);
    const taken = await signUp(t, { username: "zed", email: "zed@new.test" });
    expect(
      (
        await call(t, "/api/v1/me/email", {
          cookie: ada.cookie,
          method: "PUT",
          json: { email: " ZED@new.test ", password: ada.password },
        })
      ).status,
    ).toBe(409);
    expect(taken.user.username).toBe("zed");
    const res = await call(t, "/api/v1/me/email", {
      cookie: ada.cookie,
      method: "PUT",
      json: { email: " Ada@New.test ", password: ada.password },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ email: "ada@old.test", emailVerified: true, pendingEmail: "ada@new.test" });
    // Still the old address until the new one is verified; the old one is told.
    expect(await me(ada.cookie)).toMatchObject({ email: "ada@old.test", pendingEmail: "ada@new.test" });
    expect((await accountEmailsTo(t, "ada@old.test")).map((m) => [m.kind, m.newEmail])).toContainEqual([
      "email-changed",
      "ada@new.test",
    ]);
    await verifyEmail(t, "ada@new.test");
    expect(await me(ada.cookie)).toMatchObject({ email: "ada@new.test", emailVerified: true, pendingEmail: null });
    expect((await login("ada@new.test", ada.password)).status).toBe(200);
  });
});

describe("changing the password", () => {
  it("needs the current password, ends every other session and sends a notice", async () => {
    const ada = await signUp(t, { username: "ada", email: "ada@example.com" });
    const laptop = sessionCookie(await login("ada", ada.password));
    const wrong = await call(t, "/api/v1/me/password", {
      cookie: ada.cookie,
      method: "PUT",
      json: { currentPassword: "not it", newPassword: "a brand new secret" },
    });
    expect(wrong.status).toBe(401);
    const short = await call(t, "/api/v1/me/password", {
      cookie: ada.cookie,
      method: "PUT",
      json: { currentPassword: ada.password, newPassword: "short" },
    });
    expect(short.status).toBe(422);
    const ok = await call(t, "/api/v1/me/password", {
      cookie: ada.cookie,
      method: "PUT",
      json: { currentPassword: ada.password, newPassword: "a brand new secret" },
    });
    expect(ok.status).toBe(204);
    expect((await call(t, "/api/v1/me", { cookie: ada.cookie })).status).toBe(200);
    expect((await call(t, "/api/v1/me", { cookie: laptop })).status).toBe(401);
    expect((await login("ada", ada.password)).status).toBe(401);
    expect((await login("ada", "a brand new secret")).status).toBe(200);
    expect((await accountEmailsTo(t, "ada@example.com")).map((m) => m.kind)).toContain("password-changed");
  });

  it("is for browser sessions only", async () => {
    const ada = await signUp(t, { username: "ada" });
    const { key } = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name: "k" } })).json();
    const res = await call(t, "/api/v1/me/password", {
      headers: { authorization: `Bearer ${key}` },
      method: "PUT",
      json: { currentPassword: ada.password, newPassword: "a brand new secret" },
    });
    expect(res.status).toBe(403);
  });
});

describe("forgotten password", () => {
  it("answers the same for a known and an unknown address, and the link sets a new password once", async () => {
    const ada = await signUp(t, { username: "ada", email: "ada@example.com" });
    const known = await call(t, "/api/v1/auth/password-reset", { json: { email: "ADA@example.com" } });
    const unknown = await call(t, "/api/v1/auth/password-reset", { json: { email: "nobody@example.com" } });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await known.text()).toBe(await unknown.text());
    await expect.poll(() => lastToken("ada@example.com", "password-reset")).toBeTruthy();
    expect(await accountEmailsTo(t, "nobody@example.com")).toEqual([]);
    const token = await lastToken("ada@example.com", "password-reset");

    const confirm = await call(t, "/api/v1/auth/password-reset/confirm", {
      json: { token, password: "reset and renewed" },
    });
    expect(confirm.status).toBe(204);
    expect((await call(t, "/api/v1/me", { cookie: ada.cookie })).status).toBe(401);
    expect((await login("ada", "reset and renewed")).status).toBe(200);
    const reused = await call(t, "/api/v1/auth/password-reset/confirm", { json: { token, password: "another one!" } });
    expect(reused.status).toBe(400);
  });

  it("a reset link expires after an hour", async () => {
    await signUp(t, { username: "bob", email: "bob@example.com" });
    await call(t, "/api/v1/auth/password-reset", { json: { email: "bob@example.com" } });
    await expect.poll(() => lastToken("bob@example.com", "password-reset")).toBeTruthy();
    const token = await lastToken("bob@example.com", "password-reset");
    nowMs += 3600_000 + 1000;
    const res = await call(t, "/api/v1/auth/password-reset/confirm", { json: { token, password: "too late now" } });
    expect(res.status).toBe(400);
  });
});

describe("sessions", () => {
  it("lists the user's sessions with the current one marked, and ends one", async () => {
    const ada = await signUp(t, { username: "ada" });
    const other = sessionCookie(
      await call(t, "/api/v1/auth/login", {
        json: { login: "ada", password: ada.password },
        headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0", "x-forwarded-for": "198.51.100.7" },
      }),
    );
    const list = await (await call(t, "/api/v1/me/sessions", { cookie: ada.cookie })).json();
    expect(list.items).toHaveLength(2);
    const current = list.items.find((s: { current: boolean }) => s.current);
    const firefox = list.items.find((s: { current: boolean }) => !s.current);
    expect(firefox).toMatchObject({ userAgent: expect.stringContaining("Firefox"), address: "198.51.100.7" });
    expect(current.id).not.toBe(firefox.id);
    const eve = await signUp(t, { username: "eve" });
    expect((await call(t, `/api/v1/me/sessions/${firefox.id}`, { cookie: eve.cookie, method: "DELETE" })).status).toBe(
      404,
    );
    expect((await call(t, `/api/v1/me/sessions/${firefox.id}`, { cookie: ada.cookie, method: "DELETE" })).status).toBe(
      204,
    );
    expect((await call(t, "/api/v1/me", { cookie: other })).status).toBe(401);
    expect((await call(t, "/api/v1/me", { cookie: ada.cookie })).status).toBe(200);
  });
});

describe("the per-account limit", () => {
  it("counts failures against the account whatever identifier and address, 429 from the 11th", async () => {
    const ada = await signUp(t, { username: "ada", email: "ada@example.com" });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const id = i % 2 === 0 ? "ada" : "ADA@example.com";
      statuses.push((await login(id, "wrong password", `192.0.2.${i + 1}`)).status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    const eleventh = await login("ada@example.com", "wrong password", "192.0.2.99");
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get("retry-after"))).toBeGreaterThan(0);
    // The right password does not get through either while the account is locked.
    expect((await login("ada", ada.password, "192.0.2.100")).status).toBe(429);
  });
});
