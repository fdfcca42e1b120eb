import { z } from "zod";
import { urlOf } from "./rules";
import type { EnvOf } from "./types";

/**
 * The GitHub OAuth app (the API runs the integration, the worker revokes tokens of deleted accounts):
 * - `GITHUB_CLIENT_ID`, `GITHUB_CLIENT_SECRET`: the integration is off unless both are set;
 * - `GITHUB_BASE_URL` (`https://github.com`): GitHub Enterprise Server, or a test double.
 */
export const githubEnv = {
  GITHUB_CLIENT_ID: z.string().optional(),
  GITHUB_CLIENT_SECRET: z.string().optional(),
  GITHUB_BASE_URL: urlOf(/^https?$/, "an http:// or https:// URL, e.g. https://github.example.com").default(
    "https://github.com",
  ),
};

/** The parsed values of {@link githubEnv}. */
export type GithubEnv = EnvOf<typeof githubEnv>;

/** The OAuth app the variables name, or undefined when either half is missing. */
export function githubAppFromEnv(
  env: GithubEnv,
): { clientId: string; clientSecret: string; baseUrl: string } | undefined {
  return env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
    ? { clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET, baseUrl: env.GITHUB_BASE_URL }
    : undefined;
}
