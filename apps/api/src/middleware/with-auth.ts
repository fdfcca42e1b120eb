import { digest } from "@homebase/core";
import { findSessionUser } from "@homebase/db";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv, AuthedEnv } from "../lib/context";
import { HttpProblem } from "../lib/problem";

/**
 * Resolves the caller from the session cookie. It never rejects: routes that need a caller
 * sit behind `requireUser`. API keys join here with the API-keys issue.
 */
export const withAuth = createMiddleware<AppEnv>(async (c, next) => {
  const { db, config, clock } = c.var.deps;
  c.set("principal", null);
  const token = getCookie(c, config.session.cookieName);
  if (token && token.length <= 128) {
    const tokenHash = digest(token);
    const row = await findSessionUser(db, {
      tokenHash,
      now: clock.now(),
      idleTimeoutMs: config.session.idleTimeoutMs,
      touchAfterMs: config.session.touchAfterMs,
    });
    if (row) c.set("principal", { kind: "session", user: row.user, sessionTokenHash: tokenHash });
  }
  await next();
});

/** 401 without valid credentials. */
export const requireUser = createMiddleware<AuthedEnv>(async (c, next) => {
  if (!c.var.principal) throw new HttpProblem(401, "Sign in or send a valid API key to use this route.");
  await next();
});

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Cross-site request forgery guard: an unsafe request authenticated by the session cookie
 * must carry an Origin equal to PUBLIC_URL's origin.
 */
export const requireSameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  if (UNSAFE.has(c.req.method) && c.var.principal?.kind === "session") {
    const origin = c.req.header("origin");
    if (!origin || origin !== new URL(c.var.deps.config.publicUrl).origin) {
      throw new HttpProblem(
        403,
        "This request must come from the Homebase web app (the Origin header is missing or foreign).",
      );
    }
  }
  await next();
});
