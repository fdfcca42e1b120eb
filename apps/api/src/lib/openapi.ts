import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv, AuthedEnv, PrincipalEnv } from "./context";
import { HttpProblem, ProblemSchema, zodFieldErrors } from "./problem";

/** A required JSON request body: the validator then always runs, whatever the Content-Type says. */
export function jsonBody<T extends z.ZodType>(schema: T, description = "JSON body") {
  return { required: true, description, content: { "application/json": { schema } } } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request",
  401: "No valid credentials",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict",
  413: "Body too large",
  415: "Unsupported media type",
  422: "Invalid fields",
  429: "Rate limited",
  503: "Unavailable",
};

/** Problem-document responses for the OpenAPI document. */
export function problems<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: PROBLEM_DESCRIPTIONS[s] ?? "Error",
        content: { "application/problem+json": { schema: ProblemSchema } },
      },
    ]),
  ) as { [K in S]: { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } } };
}

/**
 * A router whose invalid input becomes a 422 problem document naming each field.
 * Routers mounted behind requireUser use `createRouter<AuthedEnv>()`, where the caller is known.
 */
export function createRouter<E extends AppEnv | AuthedEnv | PrincipalEnv = AppEnv>() {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new HttpProblem(422, "Some fields are invalid.", { errors: zodFieldErrors(result.error) });
      }
    },
  });
}

export { z };
