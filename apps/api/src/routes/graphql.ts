import { listServiceAccountsWithKeys, listUserApiKeys } from "@homebase/db";
import { buildSchema, execute, type GraphQLError, Kind, parse, Source, validate } from "graphql";
import { Hono } from "hono";
import type { AppEnv } from "../lib/context";
import { HttpProblem } from "../lib/problem";
import { describeViewer, viewerFlags } from "../services/viewer";

/**
 * The one GraphQL query the wandb SDK needs to log in: `Viewer`. Recent SDKs ask `serverInfo`
 * in the same query (their `viewer_server_info`), older ones probe for it by introspection
 * first; both shapes are served. Any other query or mutation fails validation.
 */
const schema = buildSchema(/* GraphQL */ `
  "A JSON document encoded as a string"
  scalar JSONString

  "A JSON value, sent as JSON"
  scalar JSON

  type Query {
    "The caller, or null without valid credentials"
    viewer: User
    "What the wandb SDK checks its own version against; Homebase sets no limits"
    serverInfo: ServerInfo!
  }

  type ServerInfo {
    "CLI version limits (max_cli_version, min_cli_version): none here"
    cliVersionInfo: JSON!
    latestLocalVersionInfo: LocalVersionInfo
    "Optional server features the SDK may use: none here, so it keeps its fallbacks"
    features: [ServerFeature!]!
  }

  type ServerFeature {
    name: String!
    isEnabled: Boolean!
  }

  type LocalVersionInfo {
    outOfDate: Boolean!
    latestVersionString: String!
    versionOnThisInstanceString: String!
  }

  type User {
    id: ID!
    entity: String!
    username: String!
    email: String
    admin: Boolean!
    "Enabled beta features as a JSON object"
    flags: JSONString
    teams: EntityConnection!
    "The caller's own API keys (IDs and names; secrets are never stored), as wandb.Api().viewer reads them"
    apiKeys: ApiKeyConnection!
  }

  type ApiKeyConnection {
    edges: [ApiKeyEdge!]!
  }

  type ApiKeyEdge {
    node: ApiKey!
  }

  type ApiKey {
    "The public key ID"
    id: ID!
    name: String!
    description: String
  }

  type EntityConnection {
    edges: [EntityEdge!]!
  }

  type EntityEdge {
    node: Entity!
  }

  type Entity {
    name: String!
  }
`);

const MAX_QUERY_LENGTH = 10_000;
const HOMEBASE_VERSION = "0.0.0";

function errorBody(errors: readonly GraphQLError[]) {
  return { errors: errors.map((e) => ({ message: e.message, locations: e.locations })) };
}

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
    const notQuery = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation !== "query");
    if (notQuery) return c.json({ errors: [{ message: "Only the viewer query is served here." }] }, 400);
    const invalid = validate(schema, document);
    if (invalid.length > 0) return c.json(errorBody(invalid), 400);

    const { deps, principal } = c.var;
    const rootValue = {
      serverInfo: () => ({
        cliVersionInfo: {},
        features: [],
        latestLocalVersionInfo: {
          outOfDate: false,
          latestVersionString: HOMEBASE_VERSION,
          versionOnThisInstanceString: HOMEBASE_VERSION,
        },
      }),
      viewer: async () => {
        if (!principal) return null;
        const [viewer, flags] = await Promise.all([describeViewer(deps, principal), viewerFlags(deps, principal)]);
        return {
          ...viewer,
          email: viewer.email || null,
          flags: JSON.stringify(flags),
          teams: { edges: viewer.teams.map((name) => ({ node: { name } })) },
          // Resolved only when asked for.
          apiKeys: async () => {
            const keys =
              principal.kind === "service-account"
                ? ((await listServiceAccountsWithKeys(deps.db, principal.team.id)).find(
                    (a) => a.id === principal.serviceAccount.id,
                  )?.apiKeys ?? [])
                : await listUserApiKeys(deps.db, { userId: principal.user.id });
            return { edges: keys.map((k) => ({ node: { id: k.id, name: k.name, description: null } })) };
          },
        };
      },
    };
    const result = await execute({
      schema,
      document,
      rootValue,
      variableValues: (variables as Record<string, unknown> | null | undefined) ?? undefined,
      operationName: (operationName as string | null | undefined) ?? undefined,
    });
    return c.json(
      result.errors ? { data: result.data ?? null, ...errorBody(result.errors) } : { data: result.data },
      200,
    );
  });
}
