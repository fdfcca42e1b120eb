/**
 * Which Slack incoming-webhook URLs a user may save. SLACK_WEBHOOK_HOSTS is a list (parsed by
 * @homebase/config; a comma-separated string is split here): a bare host (hooks.slack.com)
 * allows https URLs on exactly that host; a full origin (http://127.0.0.1:8080) allows that
 * origin exactly, for local receivers. The URL is never fetched to decide.
 */
export function parseWebhookAllowList(setting: string | readonly string[]): {
  hosts: Set<string>;
  origins: Set<string>;
} {
  const hosts = new Set<string>();
  const origins = new Set<string>();
  for (const raw of typeof setting === "string" ? setting.split(",") : setting) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes("://")) {
      try {
        origins.add(new URL(entry).origin);
      } catch {
        // An unparsable entry allows nothing.
      }
    } else hosts.add(entry);
  }
  return { hosts, origins };
}

/** Null when the URL may be saved, else the reason for the user. */
export function webhookUrlProblem(value: string, allowList: ReturnType<typeof parseWebhookAllowList>): string | null {
  if (value.length > 2048) return "The webhook URL is too long.";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter the full webhook URL Slack gave you, starting with https://.";
  }
  if (url.username || url.password) return "The webhook URL must not contain credentials.";
  if (allowList.origins.has(url.origin)) return null;
  if (url.protocol !== "https:") return "Slack webhook URLs must start with https://.";
  if (url.port !== "" || !allowList.hosts.has(url.hostname.toLowerCase())) {
    return `Webhook URLs must be on ${[...allowList.hosts].join(" or ") || "an allowed host"}.`;
  }
  return null;
}
