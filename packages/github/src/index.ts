import { Octokit } from "@octokit/core";
import { OAuthApp } from "@octokit/oauth-app";

export interface GithubConfig {
  clientId: string;
  clientSecret: string;
  /** GITHUB_BASE_URL: https://github.com, a GitHub Enterprise Server, or a local test server. */
  baseUrl: string;
}

/** github.com's REST API lives on api.github.com; GitHub Enterprise Server's under /api/v3. */
export function githubApiUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return /^https:\/\/(www\.)?github\.com$/.test(base) ? "https://api.github.com" : `${base}/api/v3`;
}

/**
 * The OAuth web flow through @octokit/oauth-app. Production and tests run this same code;
 * only GITHUB_BASE_URL differs.
 */
export function githubOAuth(config: GithubConfig) {
  const GithubOctokit = Octokit.defaults({ baseUrl: githubApiUrl(config.baseUrl), userAgent: "homebase" });
  const app = new OAuthApp({
    clientType: "oauth-app",
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    Octokit: GithubOctokit,
  });
  return {
    authorizationUrl(p: { state: string; redirectUrl: string }) {
      return app.getWebFlowAuthorizationUrl({
        state: p.state,
        redirectUrl: p.redirectUrl,
        scopes: ["read:user", "read:org"],
      }).url;
    },
    /** Exchanges the code and reads who authorized. */
    async connect(p: { code: string; state: string; redirectUrl: string }) {
      const { authentication } = await app.createToken({ code: p.code, state: p.state, redirectUrl: p.redirectUrl });
      const user = await new GithubOctokit({ auth: authentication.token }).request("GET /user");
      return {
        token: authentication.token,
        scopes: authentication.scopes.join(" "),
        login: user.data.login,
        id: user.data.id,
        avatarUrl: user.data.avatar_url ?? null,
      };
    },
    /** Revokes the token at GitHub (DELETE /applications/{client_id}/token). */
    async revoke(token: string) {
      await app.deleteToken({ token });
    },
  };
}
