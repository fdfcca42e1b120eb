import { digest, encryptSecret } from "@homebase/core";
import { consumeOauthState, saveGithubConnection } from "@homebase/db";
import { githubOAuth } from "@homebase/github";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../lib/context";
import { createRouter, problems, z } from "../lib/openapi";
import { problemResponse } from "../lib/problem";
import { githubCallbackUrl, INTEGRATIONS_SETTINGS_PATH as SETTINGS_PATH } from "../services/github-connection";

const callback = createRoute({
  method: "get",
  path: "/github/callback",
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

/** /integrations: where GitHub sends the browser back (no credentials needed). */
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
      const connected = await github.connect({
        code: query.code,
        state: query.state,
        redirectUrl: githubCallbackUrl(c),
      });
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
