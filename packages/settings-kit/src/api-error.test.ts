import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, errorMessage, NetworkError, parseRetryAfter } from "./api-error";
import { api, unwrap } from "./client";

function problemResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

describe("ApiError.fromResponse", () => {
  it("keeps the problem document and maps field errors by path", async () => {
    const error = await ApiError.fromResponse(
      problemResponse(422, {
        type: "https://homebase.dev/problems/validation",
        title: "Invalid request",
        status: 422,
        detail: "2 fields are invalid",
        errors: [
          { path: "username", message: "Use 3–32 of a-z, 0-9, - and _" },
          { path: "password", message: "At least 8 characters" },
          { path: "username", message: "a second message for the same field" },
        ],
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.detail).toBe("2 fields are invalid");
    expect(error.message).toBe("2 fields are invalid");
    expect(error.problem.type).toBe("https://homebase.dev/problems/validation");
    expect(error.fieldErrors()).toEqual({
      username: "Use 3–32 of a-z, 0-9, - and _",
      password: "At least 8 characters",
    });
  });

  it("normalizes JSON-pointer and dotted paths to the field name", async () => {
    const error = await ApiError.fromResponse(
      problemResponse(409, {
        type: "about:blank",
        title: "Conflict",
        status: 409,
        detail: "That email is already registered",
        errors: [
          { path: "/email", message: "taken" },
          { path: "body.username", message: "taken too" },
          { path: ["name"], message: "array path" },
        ],
      }),
    );
    expect(Object.keys(error.fieldErrors())).toEqual(["email", "username", "name"]);
  });

  it("reads Retry-After in seconds on 429", async () => {
    const error = await ApiError.fromResponse(
      problemResponse(
        429,
        { type: "about:blank", title: "Too many requests", status: 429, detail: "Slow down" },
        { "Retry-After": "42" },
      ),
    );
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(42);
  });

  it("falls back to a generic problem when the body is not JSON", async () => {
    const error = await ApiError.fromResponse(
      new Response("<html>Bad gateway</html>", { status: 502, headers: { "Content-Type": "text/html" } }),
    );
    expect(error.problem).toEqual({ type: "about:blank", title: "Bad gateway", status: 502, detail: "Bad gateway" });
    expect(error.errors).toEqual([]);
    expect(error.retryAfter).toBeUndefined();
  });

  it("uses the title when detail is missing and drops malformed field errors", async () => {
    const error = await ApiError.fromResponse(
      problemResponse(400, { title: "Malformed JSON", status: 400, errors: [{ nope: 1 }, "x"] }),
    );
    expect(error.detail).toBe("Malformed JSON");
    expect(error.problem.errors).toBeUndefined();
  });
});

describe("parseRetryAfter", () => {
  it("accepts delta-seconds and HTTP dates", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:01:30 GMT", now)).toBe(90);
    expect(parseRetryAfter("Tue, 31 Dec 2024 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});

describe("the typed client with unwrap", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends JSON under /api/v1 with same-origin credentials and returns the body", async () => {
    const fetchMock = vi.fn(async () => Response.json({ key: "run-comparer-v2", enabled: true }));
    vi.stubGlobal("fetch", fetchMock);
    const result = await unwrap(
      api.api.v1.me["beta-features"][":key"].$put({ param: { key: "run-comparer-v2" }, json: { enabled: true } }),
    );
    expect(result).toEqual({ key: "run-comparer-v2", enabled: true });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(new URL(url).pathname).toBe("/api/v1/me/beta-features/run-comparer-v2");
    expect(init.credentials).toBe("same-origin");
    expect(init.method).toBe("PUT");
    expect(init.body).toBe('{"enabled":true}');
    expect(new Headers(init.headers).get("Content-Type")).toBe("application/json");
  });

  it("resolves 204 to undefined and throws ApiError on a problem document", async () => {
    vi.stubGlobal(
      "fetch",
      vi
        .fn()
        .mockResolvedValueOnce(new Response(null, { status: 204 }))
        .mockResolvedValueOnce(
          problemResponse(401, { type: "about:blank", title: "Unauthorized", status: 401, detail: "Sign in first" }),
        ),
    );
    await expect(unwrap(api.api.v1.auth.logout.$post())).resolves.toBeUndefined();
    const error = await unwrap(api.api.v1.viewer.$get()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(errorMessage(error)).toBe("Sign in first");
  });

  it("turns a failed connection into a NetworkError with a readable message", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("fetch failed")));
    const error = await unwrap(api.api.v1.viewer.$get()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(errorMessage(error)).toMatch(/Could not reach the server/);
  });
});
