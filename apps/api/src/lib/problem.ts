import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
  507: "Insufficient Storage",
};

export interface ProblemExtra {
  errors?: FieldError[];
  headers?: Record<string, string>;
  type?: string;
  /** Extension members of the problem document (RFC 9457 §3.2), e.g. `teams`. */
  extensions?: Record<string, unknown>;
}

/** An error that becomes an RFC 9457 problem document in app.onError. */
export class HttpProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly detail: string,
    readonly extra: ProblemExtra = {},
  ) {
    super(detail);
    this.name = "HttpProblem";
  }
}

export function problemBody(
  status: number,
  detail: string,
  errors?: FieldError[],
  type?: string,
  extensions?: Record<string, unknown>,
): Problem {
  return {
    ...extensions,
    type: type ?? "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problemResponse(c: Context, status: ContentfulStatusCode, detail: string, extra: ProblemExtra = {}) {
  return c.body(JSON.stringify(problemBody(status, detail, extra.errors, extra.type, extra.extensions)), status, {
    "Content-Type": "application/problem+json",
    ...extra.headers,
  });
}

/** Turns zod issues into `errors` entries whose `path` names the field, e.g. "username" or "objects.3.size". */
export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: [...at, key].join("."),
        message: "This field is unknown or cannot be changed.",
      }));
    }
    return [{ path: at.length > 0 ? at.join(".") : "body", message: issue.message }];
  });
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");
