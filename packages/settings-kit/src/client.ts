import type { AppType } from "@homebase/api-types";
import { type ClientResponse, hc, type InferRequestType } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
import { ApiError, NetworkError } from "./api-error";

/** The shell and its API share one origin: /api is proxied by Vite in dev and served by the API in production. */
const origin = globalThis.location?.origin ?? "http://localhost";

/**
 * `fetch` with the session cookie (`credentials: "same-origin"`), turning a
 * failed connection into a `NetworkError` with a sentence a user can read.
 */
const sameOriginFetch: typeof fetch = async (input, init) => {
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

/** A typed-client endpoint: `api.api.v1.me.alerts.$get` and the like. */
// biome-ignore lint/suspicious/noExplicitAny: any endpoint's arguments
type Endpoint = (...args: any[]) => Promise<ClientResponse<unknown, number, string>>;

/**
 * The body of an endpoint's 2xx answer, from the API's own route definitions — the way to
 * name a response type instead of writing it by hand:
 * `type AlertPreferences = ResponseOf<typeof api.api.v1.me.alerts.$get>`.
 */
export type ResponseOf<E extends Endpoint> = SuccessBody<Awaited<ReturnType<E>>>;

/**
 * What an endpoint takes (`json`, `param`, `query`, …), e.g. the body of a patch:
 * `type ProfilePatch = RequestOf<typeof api.api.v1.me.$patch>["json"]`.
 */
export type RequestOf<E extends Endpoint> = InferRequestType<E>;

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

async function readBody(response: Response): Promise<unknown> {
  if (!response.ok) throw await ApiError.fromResponse(response);
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get("Content-Type") ?? "";
  return type.includes("json") ? JSON.parse(text) : text;
}
