import { execute, GraphQLError, Kind, type OperationDefinitionNode, parse, Source, validate } from "graphql";
import { Hono } from "hono";
import { rootValue } from "../graphql/resolvers";
import { schema } from "../graphql/schema";
import type { AppEnv } from "../lib/context";
import { HttpProblem } from "../lib/problem";

/** Queries longer than this are refused (the SDK's longest, UpsertBucket, is about 1.3 kB). */
const MAX_QUERY_LENGTH = 10_000;

function errorBody(errors: readonly GraphQLError[]) {
  return { errors: errors.map((e) => ({ message: e.message, locations: e.locations, path: e.path })) };
}

/** The operation a request runs: the named one, else the only one (the public API sends `operationName: ""`). */
function operationOf(
  document: ReturnType<typeof parse>,
  name: string | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return name ? operations.find((o) => o.name?.value === name) : operations.length === 1 ? operations[0] : undefined;
}

/**
 * `POST /graphql`: the wandb SDK's GraphQL endpoint, a real GraphQL schema (graphql-js parses,
 * validates and executes every request) serving the operations of WANDB-SDK.md; see
 * graphql/schema.ts. Anything else fails validation with an error that names the operation.
 * Execution errors answer 200 with `errors`, as GraphQL over HTTP does.
 */
export function graphqlRouter() {
  return new Hono<AppEnv>().post("/graphql", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new HttpProblem(400, "The request body is not valid JSON.");
    }
    const { query, variables, operationName } = (body ?? {}) as Record<string, unknown>;
    if (typeof query !== "string" || query.length === 0 || query.length > MAX_QUERY_LENGTH) {
      return c.json({ errors: [{ message: "Send { query } with a GraphQL query string." }] }, 400);
    }
    if (variables != null && (typeof variables !== "object" || Array.isArray(variables))) {
      return c.json({ errors: [{ message: "`variables` must be a JSON object." }] }, 400);
    }
    if (operationName != null && typeof operationName !== "string") {
      return c.json({ errors: [{ message: "`operationName` must be a string." }] }, 400);
    }
    let document: ReturnType<typeof parse>;
    try {
      document = parse(new Source(query, "request"));
    } catch (error) {
      return c.json(errorBody([error as GraphQLError]), 400);
    }
    const operation = operationOf(document, operationName || undefined);
    const invalid = validate(schema, document);
    if (invalid.length > 0) {
      const named = operation?.name?.value ?? operationName ?? "";
      const label = named ? `"${named}"` : `this ${operation?.operation ?? "operation"}`;
      return c.json(
        {
          errors: invalid.map((e) => ({
            message: `Homebase does not serve ${label}: ${e.message}`,
            locations: e.locations,
          })),
        },
        400,
      );
    }
    const result = await execute({
      schema,
      document,
      rootValue,
      contextValue: c,
      variableValues: (variables as Record<string, unknown> | null | undefined) ?? undefined,
      operationName: (operationName as string | null | undefined) || undefined,
    });
    if (!result.errors) return c.json({ data: result.data }, 200);
    // A resolver's own GraphQLErrors are meant for the caller; anything else is our fault and is
    // logged, not shown.
    const errors = result.errors.map((e) => {
      if (!e.originalError || e.originalError instanceof GraphQLError) return e;
      c.var.deps.logger.error({ reqId: c.var.requestId, err: e.originalError }, "graphql resolver failed");
      return new GraphQLError(
        `Something went wrong on our side. Quote request id ${c.var.requestId} when reporting it.`,
        { path: e.path },
      );
    });
    return c.json({ data: result.data ?? null, ...errorBody(errors) }, 200);
  });
}
