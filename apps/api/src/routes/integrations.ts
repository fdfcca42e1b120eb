import { decryptSecret, digest, encryptSecret, newToken } from "@homebase/core";
import {
  consumeOauthState,
  deleteGithubConnection,
  getGithubConnection,
  getSlackIntegration,
  saveGithubConnection,
  saveOauthState,
} from "@homebase/db";
import { githubOAuth } from "@homebase/github";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv, AuthedEnv } from "../lib/context";
import { createRouter, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem, problemResponse } from "../lib/problem";
import { requireSession } from "../middleware/with-auth";

const STATE_TTL_MS = 10 * 60 * 1000;
const SETTINGS_PATH = "/settings/integrations";

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
  path: "/me/integrations",
  tags: ["Integrations"],
  summary: "Your GitHub and Slack connections",
  responses: { 200: jsonResponse(IntegrationsSchema, "Integrations"), ...problems(401) },
});

const connect = createRoute({
  method: "get",
  path: "/me/integrations/github/connect",
  tags: ["Integrations"],
  summary: "Start connecting GitHub: redirects to GitHub's authorization page (browser session only)",
  middleware: [requireSession] as const,
  responses: { 302: { description: "To GitHub" }, ...problems(401, 403, 409) },
});

const disconnect = createRoute({
  method: "delete",
  path: "/me/integrations/github",
  tags: ["Integrations"],
  summary: "Disconnect GitHub: the token is deleted here and revoked at GitHub",
  responses: { 204: { description: "Disconnected" }, ...problems(401) },
});

const callback = createRoute({
  method: "get",
  path: "/integrations/github/callback",
  tags: ["Integrations"],
  summary: "GitHub's redirect back: exchanges the code, stores the token encrypted, returns to the settings",
  request: {
    query: z.object({
      code: z.string().max(512).optional(),
      state: z.string().max(512).optional(),
      error: z.string().max(200).optional(),
    }),
  },
  responses: { 302: { description: "Back to /settings/integrations" }, ...problems(400) },
});

/**
 * Where GitHub sends the browser back: PUBLIC_URL, or the loopback name the browser used when
 * PUBLIC_URL is left at its default, so the session cookie of that name comes along.
 */
function redirectUrl(c: Context<AppEnv>): string {
  const { publicUrl, loopbackOrigins = [] } = c.var.deps.config;
  const used = `http://${c.req.header("host") ?? ""}`;
  const base = loopbackOrigins.includes(used) ? used : publicUrl.replace(/\/$/, "");
  return `${base}/api/v1/integrations/github/callback`;
}

/**
 * A refused callback: 400 as the contract says. A browser gets a short page that returns to
 * the settings with the reason; a program gets the problem document.
 */
function refuse(c: Context<AppEnv>, detail: string, code: string) {
  if ((c.req.header("accept") ?? "").includes("text/html")) {
    const back = `${SETTINGS_PATH}?github=${code}`;
    const text = detail.replace(/[<>&"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3;url=${back}"><title>GitHub connection failed</title></head><body><main><h1>GitHub was not connected</h1><p>${text}</p><p><a href="${back}">Back to Integrations</a></p></main></body></html>`,
      400,
    );
  }
  return problemResponse(c, 400, detail);
}

export function githubCallbackRouter() {
  return createRouter<AppEnv>().openapi(callback, (async (c: Context<AppEnv>) => {
    const { db, config, clock, logger } = c.var.deps;
    const query = c.req.query();
    if (!config.github) return refuse(c, "GitHub is not configured on this server.", "not-configured");
    if (!query.state)
      return refuse(c, "The GitHub answer carried no state. Start again from Settings → Integrations.", "bad-state");
    const principal = c.var.principal;
    const sessionHash = principal?.kind === "session" ? principal.sessionTokenHash : null;
    const consumed = await consumeOauthState(db, {
      stateHash: digest(query.state),
      sessionTokenHash: sessionHash,
      now: clock.now(),
    });
    if (!consumed.ok) {
      const why =
        consumed.reason === "expired"
          ? "The connection attempt expired (after 10 minutes)."
          : "This connection attempt is not valid any more (already used, or started in another session).";
      return refuse(c, `${why} Start again from Settings → Integrations.`, "bad-state");
    }
    if (query.error) {
      return c.redirect(`${SETTINGS_PATH}?github=${query.error === "access_denied" ? "denied" : "error"}`, 302);
    }
    if (!query.code) return c.redirect(`${SETTINGS_PATH}?github=error`, 302);
    try {
      const github = githubOAuth(config.github);
      const connected = await github.connect({ code: query.code, state: query.state, redirectUrl: redirectUrl(c) });
      await saveGithubConnection(db, {
        userId: consumed.userId,
        login: connected.login,
        githubId: Number(connected.id),
        avatarUrl: connected.avatarUrl,
        scopes: connected.scopes,
        tokenEncrypted: encryptSecret(connected.token, config.encryptionKey),
        now: clock.now(),
      });
      return c.redirect(`${SETTINGS_PATH}?github=connected`, 302);
    } catch (error) {
      logger.warn({ reqId: c.var.requestId, err: (error as Error).message }, "GitHub code exchange failed");
      return c.redirect(`${SETTINGS_PATH}?github=error`, 302);
    }
  }) as never);
}

export function integrationsRouter() {
  return createRouter<AuthedEnv>()
    .openapi(list, async (c) => {
      const { db, config } = c.var.deps;
      const userId = c.var.principal.user.id;
      const [github, slack] = await Promise.all([getGithubConnection(db, userId), getSlackIntegration(db, userId)]);
      const callbackUrl = redirectUrl(c as never);
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
        expiresAt: new Date(now.getTime() + STATE_TTL_MS),
        now,
      });
      const url = githubOAuth(config.github).authorizationUrl({ state, redirectUrl: redirectUrl(c as never) });
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
