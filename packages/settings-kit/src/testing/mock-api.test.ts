import { describe, expect, it } from "vitest";
import { ApiError } from "../api-error";
import { api, unwrap } from "../client";
import { mockApi, problem } from "./mock-api";

const v1 = api.api.v1;

describe("mockApi", () => {
  it("answers the typed client from a handler's value, as JSON", async () => {
    mockApi({ "GET /api/v1/me/beta-features": () => ({ items: [] }) });
    await expect(unwrap(v1.me["beta-features"].$get())).resolves.toEqual({ items: [] });
  });

  it("matches route parameters, decoded, and prefers a route without parameters", async () => {
    const { calls } = mockApi({
      "PUT /api/v1/me/beta-features/:key": ({ params, body }) => ({
        key: `param:${params.key}`,
        enabled: body.enabled,
      }),
      "GET /api/v1/teams/:team": () => problem(500, "not this one"),
      "GET /api/v1/me/teams": () => ({ teams: [], joinable: [] }),
    });
    await expect(
      unwrap(v1.me["beta-features"][":key"].$put({ param: { key: "a b" }, json: { enabled: true } })),
    ).resolves.toEqual({ key: "param:a b", enabled: true });
    await expect(unwrap(v1.me.teams.$get())).resolves.toEqual({ teams: [], joinable: [] });
    expect(calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ["PUT", "/api/v1/me/beta-features/a%20b", { enabled: true }],
      ["GET", "/api/v1/me/teams", undefined],
    ]);
  });

  it("passes a Response through, and answers an unknown route 404 with a problem document", async () => {
    const { calls } = mockApi({
      "POST /api/v1/auth/logout": () => new Response(null, { status: 204 }),
      "GET /api/v1/viewer": () => problem(401, "Sign in first.", { headers: { "Retry-After": "3" } }),
    });
    await expect(unwrap(v1.auth.logout.$post())).resolves.toBeUndefined();
    const signedOut = await unwrap(v1.viewer.$get()).catch((e: unknown) => e);
    expect(signedOut).toBeInstanceOf(ApiError);
    expect((signedOut as ApiError).status).toBe(401);
    const missing = await unwrap(v1.me.alerts.$get()).catch((e: unknown) => e);
    expect((missing as ApiError).status).toBe(404);
    expect((missing as ApiError).message).toBe("There is no route GET /api/v1/me/alerts.");
    expect(calls).toHaveLength(3);
  });
});
