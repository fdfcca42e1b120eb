import { z } from "zod";

export const DEFAULT_SLACK_WEBHOOK_HOSTS: readonly string[] = ["hooks.slack.com"];

const HOST = /^[a-z0-9.-]+$/i;

function entryProblem(entry: string): string | undefined {
  if (entry.includes("://")) {
    try {
      const url = new URL(entry);
      if (url.protocol === "http:" || url.protocol === "https:") return undefined;
    } catch {
      // reported below
    }
    return `"${entry}" is not an http(s) origin such as http://127.0.0.1:8080`;
  }
  return HOST.test(entry) ? undefined : `"${entry}" is not a host name such as hooks.slack.com`;
}

/**
 * Slack incoming webhooks (the API checks the URLs users save):
 * - `SLACK_WEBHOOK_HOSTS` (`hooks.slack.com`): a comma-separated list, parsed into trimmed,
 *   non-empty entries. A bare host allows https URLs on exactly that host; a full origin
 *   (`http://127.0.0.1:8080`) allows exactly that origin, for local receivers.
 */
export const slackEnv = {
  SLACK_WEBHOOK_HOSTS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return [...DEFAULT_SLACK_WEBHOOK_HOSTS];
      const entries = value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean);
      if (entries.length === 0) {
        ctx.addIssue({ code: "custom", message: "must name at least one host, e.g. hooks.slack.com" });
        return z.NEVER;
      }
      for (const entry of entries) {
        const problem = entryProblem(entry);
        if (problem)
          ctx.addIssue({ code: "custom", message: `must be hosts or origins separated by commas: ${problem}` });
      }
      return entries;
    }),
};
