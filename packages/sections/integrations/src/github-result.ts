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

/** What an organisation admin reads instead: she is the administrator, and the GitHub card says what to set. */
const NOT_CONFIGURED_FOR_ADMIN: GithubResultMessage = {
  ok: false,
  title: "GitHub is not set up on this server yet",
  text: "Register Homebase as a GitHub OAuth app and set its client ID and secret on the server: the GitHub card below lists the variables and the callback URL.",
};

/** The message for a `?github=` value, or null for a missing or unknown one. */
export function githubResultMessage(
  value: string | null,
  options: { admin?: boolean } = {},
): GithubResultMessage | null {
  if (value === null || !Object.hasOwn(MESSAGES, value)) return null;
  if (value === "not-configured" && options.admin) return NOT_CONFIGURED_FOR_ADMIN;
  return MESSAGES[value as GithubResult];
}

/**
 * Whether the banner of an outcome still applies: "GitHub connected" only while GitHub is
 * connected (it goes away on Disconnect); failures until dismissed. `connected` is undefined
 * while the state is loading.
 */
export function resultStillApplies(result: GithubResultMessage, connected: boolean | undefined): boolean {
  return !result.ok || connected !== false;
}

/** The server variables that enable GitHub, in the order an admin sets them. */
export const GITHUB_ENV_VARS = [
  { name: "GITHUB_CLIENT_ID", description: "The OAuth app's Client ID." },
  { name: "GITHUB_CLIENT_SECRET", description: "A client secret generated on the OAuth app's page." },
  {
    name: "GITHUB_BASE_URL",
    description:
      "Only for GitHub Enterprise Server: its address, e.g. https://github.example.com (default https://github.com).",
  },
] as const;

/** GitHub's "Register a new OAuth app" page. */
export const GITHUB_NEW_OAUTH_APP_URL = "https://github.com/settings/applications/new";

/** Where "Connect GitHub" goes: the API answers with a redirect to GitHub's authorization page. */
export const GITHUB_CONNECT_URL = "/api/v1/me/integrations/github/connect";
