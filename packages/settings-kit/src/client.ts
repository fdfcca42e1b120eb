import type { AppType } from "@homebase/api";
import { type ClientResponse, hc } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
import { ApiError, NetworkError } from "./api-error";

/** The shell and its API share one origin: /api is proxied by Vite in dev and served by the API in production. */
const origin = globalThis.location?.origin ?? "http://localhost";

/** Base path of the versioned REST API. */
export const API_BASE = "/api/v1";

/**
 * `fetch` with the session cookie (`credentials: "same-origin"`), turning a
 * failed connection into a `NetworkError` with a sentence a user can read.
 */
export const sameOriginFetch: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, { ...init, credentials: "same-origin" });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new NetworkError(error);
  }
};

/**
 * The typed client for the whole API, e.g.
 * `await unwrap(api.api.v1.me["beta-features"].$get())`.
 */
export const api = hc<AppType>(origin, { fetch: sameOriginFetch });

/** The body type of the 2xx answers of a typed-client response. */
export type SuccessBody<R> =
  R extends ClientResponse<infer B, infer S, infer _F> ? (S extends SuccessStatusCode ? B : never) : never;

/**
 * Awaits a typed-client call and returns its JSON body; throws `ApiError`
 * (with the problem document) on non-2xx. A 204 resolves to `undefined`.
 */
export async function unwrap<R extends ClientResponse<unknown, number, "json" | "text" | string>>(
  call: Promise<R> | R,
): Promise<SuccessBody<R>> {
  const response = (await call) as unknown as Response;
  return (await readBody(response)) as SuccessBody<R>;
}

export interface ApiFetchInit extends Omit<RequestInit, "body"> {
  /** Sent as a JSON body with `Content-Type: application/json`. */
  json?: unknown;
  body?: BodyInit | null;
}

/**
 * Untyped escape hatch for routes the typed client does not describe.
 * `path` is relative to `/api/v1` (e.g. "/me/beta-features"); a path that
 * already starts with "/api/" is used as is. Throws `ApiError` on non-2xx.
 */
export async function apiFetch<T>(path: string, init: ApiFetchInit = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  const finalHeaders = new Headers(headers);
  if (!finalHeaders.has("Accept")) finalHeaders.set("Accept", "application/json, application/problem+json");
  let body = rest.body;
  if (json !== undefined) {
    finalHeaders.set("Content-Type", "application/json");
    body = JSON.stringify(json);
  }
  const url = path.startsWith("/api/") ? path : `${API_BASE}${path.startsWith("/") ? path : `/${path}`}`;
  const response = await sameOriginFetch(url, { ...rest, headers: finalHeaders, body });
  return (await readBody(response)) as T;
}

async function readBody(response: Response): Promise<unknown> {
  if (!response.ok) throw await ApiError.fromResponse(response);
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get("Content-Type") ?? "";
  return type.includes("json") ? JSON.parse(text) : text;
}
