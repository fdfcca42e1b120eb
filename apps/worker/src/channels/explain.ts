/**
 * What went wrong, in words a user can act on, for the errors the delivery log shows. The raw
 * code stays in parentheses for whoever debugs it (Node's error codes, Slack's webhook error
 * strings from api.slack.com/messaging/webhooks#handling_errors, SMTP reply codes).
 */

const NETWORK: Record<string, string> = {
  ENOTFOUND: "the host name could not be found — check the address for typos",
  EAI_AGAIN: "the host name could not be looked up just now (DNS) — it is retried",
  ECONNREFUSED: "the server refused the connection — is it running, and is the port right?",
  ECONNRESET: "the connection was dropped mid-way — it is retried",
  ETIMEDOUT: "the server did not answer in time — it is retried",
  UND_ERR_CONNECT_TIMEOUT: "the server did not answer in time — it is retried",
  UND_ERR_HEADERS_TIMEOUT: "the server did not answer in time — it is retried",
  EHOSTUNREACH: "the server cannot be reached from here (network or firewall)",
  ENETUNREACH: "the network of the server cannot be reached from here",
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed and not trusted",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's TLS certificate chain is not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's TLS certificate cannot be verified",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's TLS certificate is for another host name",
};

/** A network failure's explanation, e.g. "the host name could not be found — … (ENOTFOUND)". */
export function explainNetworkError(code: string | undefined, fallback: string): string {
  const known = code ? NETWORK[code] : undefined;
  return known ? `${known} (${code})` : fallback;
}

const SLACK: Record<string, string> = {
  no_service: "the webhook no longer exists (removed, or the Slack app was uninstalled) — connect Slack again",
  no_team: "the Slack workspace of this webhook no longer exists — connect Slack again",
  team_disabled: "the Slack workspace of this webhook is disabled",
  channel_not_found: "the webhook's channel no longer exists — connect Slack again with another channel",
  channel_is_archived: "the webhook's channel is archived — unarchive it or connect Slack again",
  action_prohibited: "the Slack workspace's admin does not allow this webhook to post",
  invalid_token: "the webhook's token is no longer valid — connect Slack again",
  invalid_payload: "Slack did not accept the message's format",
  rate_limited: "Slack asked to slow down — it is retried later",
};

/** Slack's answer, explained: "Slack answered 404: no_service — the webhook no longer exists …". */
export function explainSlackAnswer(status: number, body: string): string {
  const base = `Slack answered ${status}${body ? `: ${body}` : ""}`;
  const known = SLACK[body.trim()];
  return known ? `${base} — ${known}` : base;
}

/** An SMTP reply, explained where the code says what to check. */
export function explainSmtpReply(code: number | undefined, reply: string): string {
  const base = `SMTP server answered ${reply || code}`;
  if (code === 535 || code === 534 || code === 530)
    return `${base} — the server refused the user name or password in SMTP_URL`;
  if (code === 550 || code === 551 || code === 553)
    return `${base} — the recipient's address was refused; check it in Settings → Account`;
  if (code === 552) return `${base} — the recipient's mailbox is full`;
  return base;
}
