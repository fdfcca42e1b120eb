import { decryptSecret, digest, newToken } from "@homebase/core";
import { deleteGithubConnection, getGithubConnection, getSlackIntegration, saveOauthState } from "@homebase/db";
import { githubOAuth } from "@homebase/github";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AuthedEnv } from "../../../lib/context";
import { createRouter, jsonResponse, problems, z } from "../../../lib/openapi";
import { HttpProblem } from "../../../lib/problem";
import { requireSession } from "../../../middleware/with-auth";
import { githubCallbackUrl, OAUTH_STATE_TTL_MS } from "../../../services/github-connection";

const IntegrationsSchema = z
  .object({
    github: z.object({
      configured: z.boolean(),
      connected: z.boolean(),
      login: z.string().optional(),
      avatarUrl: z.string().nullable().optional(),
      connectedAt: z.string().optional(),
      callbackUrl: z.string().openapi({
        description:
          "The authorization callback URL to register on the GitHub OAuth app (this server's public origin + the callback route)",
      }),
    }),
    slack: z.object({ connected: z.boolean() }),
  })
  .openapi("Integrations");

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["Integrations"],
  summary: "Your GitHub and Slack connections",
  responses: { 200: jsonResponse(IntegrationsSchema, "Integrations"), ...problems(401) },
});

const connect = createRoute({
  method: "get",
  path: "/github/connect",
  tags: ["Integrations"],
  summary: "Start connecting GitHub: redirects to GitHub's authorization page (browser session only)",
  middleware: [requireSession] as const,
  responses: { 302: { description: "To GitHub" }, ...problems(401, 403, 409) },
});

const disconnect = createRoute({
  method: "delete",
  path: "/github",
  tags: ["Integrations"],
  summary: "Disconnect GitHub: the token is deleted here and revoked at GitHub",
  responses: { 204: { description: "Disconnected" }, ...problems(401) },
});

/** /me/integrations: the caller's GitHub connection, and whether Slack is connected. */
export function integrationsRouter() {
  return createRouter<AuthedEnv>()
    .openapi(list, async (c) => {
      const { db, config } = c.var.deps;
      const userId = c.var.principal.user.id;
      const [github, slack] = await Promise.all([getGithubConnection(db, userId), getSlackIntegration(db, userId)]);
      const callbackUrl = githubCallbackUrl(c as never);
      return c.json(
        {
          github: github
            ? {
                configured: Boolean(config.github),
                connected: true,
                login: github.login,
                avatarUrl: github.avatarUrl,
                connectedAt: github.connectedAt.toISOString(),
                callbackUrl,
              }
            : { configured: Boolean(config.github), connected: false, callbackUrl },
          slack: { connected: Boolean(slack) },
        },
        200,
      );
    })
    .openapi(connect, (async (c: Context<AuthedEnv>) => {
      const { db, config, clock } = c.var.deps;
      if (!config.github) throw new HttpProblem(409, "GitHub is not configured by your administrator.");
      const principal = c.var.principal;
      if (principal.kind !== "session") throw new HttpProblem(403, "Connecting GitHub needs a browser session.");
      const state = newToken();
      const now = clock.now();
      await saveOauthState(db, {
        stateHash: digest(state),
        sessionTokenHash: principal.sessionTokenHash,
        userId: principal.user.id,
        expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS),
        now,
      });
      const url = githubOAuth(config.github).authorizationUrl({ state, redirectUrl: githubCallbackUrl(c as never) });
      return c.redirect(url, 302);
    }) as never)
    .openapi(disconnect, async (c) => {
      const { db, config, logger } = c.var.deps;
      const removed = await deleteGithubConnection(db, c.var.principal.user.id);
      if (removed && config.github) {
        try {
          await githubOAuth(config.github).revoke(decryptSecret(removed.tokenEncrypted, config.encryptionKey));
        } catch (error) {
          // The token is gone here either way; a failed revocation is logged, never the token.
          logger.warn({ reqId: c.var.requestId, err: (error as Error).message }, "GitHub token revocation failed");
        }
      }
      return c.body(null, 204);
    });
}
