import { closeDatabase } from "@homebase/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "./testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe("problem documents", () => {
  it("answers malformed JSON with 400", async () => {
    const res = await call(t, "/api/v1/auth/signup", {
      body: '{"username": "ada",',
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({
      status: 400,
      title: "Bad Request",
      detail: expect.stringMatching(/JSON/),
    });
  });

  it("answers a non-JSON body with 415", async () => {
    const res = await call(t, "/api/v1/auth/signup", {
      body: "username=ada",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(415);
    expect((await res.json()).status).toBe(415);
  });

  it("answers wrong types with 422 and never 500", async () => {
    for (const json of [[], "text", 42, null, { username: 1, email: true, password: [] }]) {
      const res = await call(t, "/api/v1/auth/signup", { json });
      expect(res.status).toBe(422);
    }
  });

  it("answers an oversized body with 413", async () => {
    const res = await call(t, "/api/v1/auth/signup", {
      json: { username: "ada", email: "ada@example.com", password: "x".repeat(2 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers an unknown route with a 404 problem", async () => {
    const { cookie } = await signUp(t);
    const res = await call(t, "/api/v1/no-such-thing", { cookie });
    expect(res.status).toBe(404);
    expect((await res.json()).detail).toContain("/api/v1/no-such-thing");
  });

  it("echoes X-Request-Id and sets security headers", async () => {
    const res = await call(t, "/healthz", { headers: { "x-request-id": "trace-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-123");
    const fresh = await call(t, "/healthz");
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.headers.get("x-content-type-options")).toBe("nosniff");
    expect(fresh.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });
});

describe("health", () => {
  it("/healthz and /readyz answer 200 when the database and Redis answer", async () => {
    expect((await call(t, "/healthz")).status).toBe(200);
    const ready = await call(t, "/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", redis: "ok", storage: "ok" } });
  });

  it("/readyz answers 503 when Redis is unreachable", async () => {
    const down = await createTestApp({ redisUrl: "redis://127.0.0.1:1" });
    try {
      const res = await call(down, "/readyz");
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ checks: { database: "ok", redis: "unreachable" } });
    } finally {
      await down.close();
    }
  });

  it("/readyz answers 503 when the database is closed", async () => {
    await closeDatabase(t.db);
    const res = await call(t, "/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ checks: { database: "unreachable", redis: "ok" } });
  });
});

describe("OpenAPI", () => {
  it("describes the routes at /api/openapi.json and serves the reference at /api/docs", async () => {
    const doc = await (await call(t, "/api/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/auth/signup",
        "/api/v1/auth/login",
        "/api/v1/viewer",
        "/api/v1/me/beta-features",
      ]),
    );
    const docs = await call(t, "/api/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("/api/docs/scalar.js");
    const script = await call(t, "/api/docs/scalar.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
  });
});
