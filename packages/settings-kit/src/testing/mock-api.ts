import type { AppType } from "@homebase/api-types";
import type { ExtractSchema } from "hono/types";
import type { SuccessStatusCode } from "hono/utils/http-status";
import { vi } from "vitest";

/*
 * A double of the HTTP boundary under the typed client: `fetch` answers from handlers keyed by the
 * API's own routes, so a test speaks the API's language and the type checker holds it to it.
 */

type Schema = ExtractSchema<AppType>;
type Path = keyof Schema & string;
type MethodOf<M> = M extends `$${infer Name}` ? Uppercase<Name> : never;

/** Every route of the API as "METHOD /path", parameters as the API names them: "DELETE /api/v1/me/sessions/:id". */
export type ApiRoute = { [P in Path]: `${MethodOf<keyof Schema[P] & string>} ${P}` }[Path];

type EndpointOf<R> = R extends `${infer M} ${infer P}`
  ? P extends Path
    ? Schema[P][`$${Lowercase<M>}` & keyof Schema[P]]
    : never
  : never;

/** The body of the route's 2xx answer. */
export type ApiOutput<R extends ApiRoute> =
  Extract<EndpointOf<R>, { status: SuccessStatusCode }> extends {
    output: infer O;
  }
    ? O
    : never;

/** The route's JSON request body (unknown for routes without one). */
export type ApiInput<R extends ApiRoute> = EndpointOf<R> extends { input: { json: infer J } } ? J : unknown;

export interface ApiRequest<R extends ApiRoute> {
  url: URL;
  init: RequestInit;
  /** The JSON body sent, parsed; undefined for other bodies (e.g. an uploaded file: see `init.body`). */
  body: ApiInput<R>;
  /** The path parameters, by the names in the route key (`:id` → `params.id`), decoded. */
  params: Record<string, string>;
}

/**
 * Answers a request: a value of the route's success type (sent as JSON with status 200), or any
 * `Response` — `problem(…)` for a refusal, `Response.json(…, { status: 201 })`, a 204, or a partial body.
 */
export type ApiHandler<R extends ApiRoute> = (
  request: ApiRequest<R>,
) => Response | ApiOutput<R> | Promise<Response | ApiOutput<R>>;

export type ApiHandlers = { [R in ApiRoute]?: ApiHandler<R> };

export interface ApiCall {
  method: string;
  path: string;
  /** The JSON body sent, parsed. */
  body: unknown;
  init: RequestInit;
}

export interface ApiDouble {
  /** Every request, in order, including those no handler answered. */
  calls: ApiCall[];
  fetchMock: ReturnType<typeof vi.fn>;
}

interface CompiledRoute {
  method: string;
  names: string[];
  pattern: RegExp;
  handler: (request: ApiRequest<ApiRoute>) => unknown;
}

function compile(key: string, handler: CompiledRoute["handler"]): CompiledRoute {
  const [method = "", path = ""] = key.split(" ");
  const names: string[] = [];
  const source = path
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(segment.slice(1));
      return "([^/]+)";
    })
    .join("/");
  return { method, names, pattern: new RegExp(`^${source}$`), handler };
}

/**
 * Stubs `fetch` (so the kit's typed client) with `handlers` and records every call, e.g.
 *
 * ```ts
 * const { calls } = mockApi({
 *   "GET /api/v1/me/alerts": () => preferences,                          // typed as the route's answer
 *   "DELETE /api/v1/me/sessions/:id": ({ params }) => new Response(null, { status: 204 }),
 *   "PUT /api/v1/me/email": () => problem(409, "Another account uses this address."),
 * });
 * ```
 *
 * A route without a handler answers 404 with a problem document, as the API does. Routes without
 * parameters win over routes with them. Undone by `vi.unstubAllGlobals()` (the kit's Vitest preset
 * does it after each test).
 */
export function mockApi(handlers: ApiHandlers): ApiDouble {
  const routes = Object.entries(handlers)
    .map(([key, handler]) => compile(key, handler as CompiledRoute["handler"]))
    .sort((a, b) => a.names.length - b.names.length);
  const calls: ApiCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input), "http://localhost:3000");
    const method = (init.method ?? request?.method ?? "GET").toUpperCase();
    const body = typeof init.body === "string" && init.body !== "" ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname, body, init });
    for (const route of routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]));
      const answer = await route.handler({ url, init, body: body as never, params });
      return answer instanceof Response ? answer : Response.json(answer);
    }
    return problem(404, `There is no route ${method} ${url.pathname}.`);
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock };
}

/** A problem document (RFC 9457) as the API answers a refusal, with optional field errors and headers. */
export function problem(
  status: number,
  detail: string,
  extra: { errors?: { path: string; message: string }[]; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify({ type: "about:blank", title: "Error", status, detail, errors: extra.errors }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...extra.headers },
  });
}
