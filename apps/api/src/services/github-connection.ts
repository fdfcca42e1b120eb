import type { Context } from "hono";
import type { AppEnv } from "../lib/context";

/** How long a GitHub connection attempt (its OAuth `state`) stays valid: 10 minutes, in ms. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

/** The settings page the GitHub connection flow returns to, with `?github=<outcome>`. */
export const INTEGRATIONS_SETTINGS_PATH = "/settings/integrations";

/**
 * Where GitHub sends the browser back: PUBLIC_URL, or the loopback name the browser used when
 * PUBLIC_URL is left at its default, so the session cookie of that name comes along.
 */
export function githubCallbackUrl(c: Context<AppEnv>): string {
  const { publicUrl, loopbackOrigins = [] } = c.var.deps.config;
  const used = `http://${c.req.header("host") ?? ""}`;
  const base = loopbackOrigins.includes(used) ? used : publicUrl.replace(/\/$/, "");
  return `${base}/api/v1/integrations/github/callback`;
}
