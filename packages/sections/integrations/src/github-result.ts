/** The `?github=` outcome the OAuth callback returns to /settings/integrations with. */
export type GithubResult = "connected" | "denied" | "error" | "bad-state" | "not-configured";

export interface GithubResultMessage {
  ok: boolean;
  title: string;
  text: string;
}

const MESSAGES: Record<GithubResult, GithubResultMessage> = {
  connected: { ok: true, title: "GitHub connected", text: "Your GitHub account is now connected to Homebase." },
  denied: {
    ok: false,
    title: "GitHub was not connected",
    text: "The authorization was cancelled on GitHub, so nothing was connected. You can try again at any time.",
  },
  error: {
    ok: false,
    title: "GitHub was not connected",
    text: "GitHub did not complete the connection. Nothing was stored; please try again.",
  },
  "bad-state": {
    ok: false,
    title: "GitHub was not connected",
    text: "That connection attempt expired or was already used (they last 10 minutes and work once). Start again with Connect GitHub.",
  },
  "not-configured": {
    ok: false,
    title: "GitHub is not available",
    text: "GitHub is not configured by your administrator.",
  },
};

/** The message for a `?github=` value, or null for a missing or unknown one. */
export function githubResultMessage(value: string | null): GithubResultMessage | null {
  if (value === null || !Object.hasOwn(MESSAGES, value)) return null;
  return MESSAGES[value as GithubResult];
}

/** Where "Connect GitHub" goes: the API answers with a redirect to GitHub's authorization page. */
export const GITHUB_CONNECT_URL = "/api/v1/me/integrations/github/connect";
