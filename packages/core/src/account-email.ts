import { escapeHtml } from "./alert-email";

/**
 * E-mails about the account itself (not alerts): address verification, password reset and the
 * notices that follow security changes, as GitHub and GitLab send them. Pure: the worker sends them.
 */
export const ACCOUNT_EMAIL_KINDS = [
  "verify-email",
  "password-reset",
  "password-changed",
  "email-changed",
  "account-deleted",
  "api-key-new-address",
  "api-key-revoked",
  "api-key-expiring",
  "api-key-expires-today",
] as const;
export type AccountEmailKind = (typeof ACCOUNT_EMAIL_KINDS)[number];

/** The web pages the links of account e-mails open (PUBLIC_URL + path + `?token=`). */
const ACCOUNT_LINK_PATHS = {
  "verify-email": "/verify-email",
  "password-reset": "/reset-password",
} as const;

export interface AccountEmailInput {
  kind: AccountEmailKind;
  username: string;
  publicUrl: string;
  /** The single-use token of verify-email and password-reset (never stored; only in the e-mail). */
  token?: string;
  /** email-changed: the new address (the notice goes to the old one). */
  newEmail?: string;
  /** api-key-*: the key's ID and name. */
  keyId?: string;
  keyName?: string;
  /** api-key-new-address: the client address and its user agent. */
  address?: string;
  userAgent?: string;
  /** api-key-revoked: where the leaked key was found (a URL), if known. */
  foundAt?: string;
  /**
   * api-key-expiring / -expires-today: when the key expires (ISO 8601). Both say the real time
   * left from `now` ("expires in 3 days", "expires in 5 hours"), or, once it has passed, that the
   * key expired; the kinds differ only in which of the two claims sent them.
   */
  expiresAt?: string;
  /** The sender's clock (the job's), for the time left until `expiresAt`. */
  now?: Date;
  /**
   * api-key-*: the key's owner when it is a service account; the e-mail (sent to the team's
   * admins) then names it and its team and sends them to the team's page, not to personal keys.
   */
  serviceAccount?: { name: string; team: string };
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** "3 days", "30 hours", "40 minutes": a positive duration, rounded to the unit that reads well. */
function duration(ms: number): string {
  if (ms < HOUR_MS) return plural(Math.max(1, Math.round(ms / MINUTE_MS)), "minute");
  const hours = Math.round(ms / HOUR_MS);
  return hours < 48 ? plural(hours, "hour") : plural(Math.round(ms / DAY_MS), "day");
}

/** "14:00 UTC on 2026-12-02" (an ISO 8601 instant), or undefined. */
function utcInstant(iso: string | undefined): string | undefined {
  const at = iso ? new Date(iso) : undefined;
  if (!at || Number.isNaN(at.getTime())) return undefined;
  const s = at.toISOString();
  return `${s.slice(11, 16)} UTC on ${s.slice(0, 10)}`;
}

/** The web page where a key lives: personal keys, or the Service accounts tab of its team's page. */
function keyPage(input: AccountEmailInput): { label: string; url: string; where: string } {
  const base = input.publicUrl.replace(/\/$/, "");
  const sa = input.serviceAccount;
  if (!sa) return { label: "API keys", url: `${base}/settings/api-keys`, where: "in Settings → API keys" };
  return {
    label: `Service accounts of ${sa.team}`,
    url: `${base}/teams/${encodeURIComponent(sa.team)}?tab=service-accounts`,
    where: `on the team's page (Teams → ${sa.team} → Service accounts)`,
  };
}

function linkFor(input: AccountEmailInput): string | null {
  if (input.kind !== "verify-email" && input.kind !== "password-reset") return null;
  const base = input.publicUrl.replace(/\/$/, "");
  return `${base}${ACCOUNT_LINK_PATHS[input.kind]}?token=${encodeURIComponent(input.token ?? "")}`;
}

/** Subject, text and HTML of an account e-mail. Links are absolute, from PUBLIC_URL. */
export function accountEmail(input: AccountEmailInput): { subject: string; text: string; html: string } {
  const link = linkFor(input);
  const page = keyPage(input);
  // Key e-mails link to the key's page; the others to the account's settings.
  const footer = input.kind.startsWith("api-key-")
    ? page
    : { label: "Account settings", url: `${input.publicUrl.replace(/\/$/, "")}/settings/account` };
  const notYou = "If this was not you, reset your password at once and review your sessions in Settings → Account.";
  const keyName = input.keyName ?? input.keyId ?? "";
  const sa = input.serviceAccount;
  // The subject's and the first line's name for the key: the admins of a team do not own its keys.
  const keySubject = sa
    ? `The API key "${keyName}" of service account "${sa.name}" (team ${sa.team})`
    : `Your API key "${keyName}"`;
  const keyLine = sa
    ? `Hi ${input.username}, the API key "${input.keyName ?? ""}" (ID ${input.keyId ?? "?"}) of the service account "${sa.name}" in the team "${sa.team}", which you administer,`
    : `Hi ${input.username}, your API key "${input.keyName ?? ""}" (ID ${input.keyId ?? "?"})`;
  const expiry = expiryWording(input);
  const rotate = `Rotate it ${page.where} to get a replacement with the same name and scope, then update the scripts that use it.`;
  const content: Record<AccountEmailKind, { subject: string; lines: string[]; action?: string }> = {
    "verify-email": {
      subject: "Verify your email address for Homebase",
      lines: [
        `Hi ${input.username}, confirm that this address belongs to your Homebase account.`,
        "The link works once and expires in 24 hours. If you did not ask for it, ignore this e-mail.",
      ],
      action: "Verify email address",
    },
    "password-reset": {
      subject: "Reset your Homebase password",
      lines: [
        `Hi ${input.username}, someone (hopefully you) asked to reset the password of your Homebase account.`,
        "The link works once and expires in 1 hour. If you did not ask for it, ignore this e-mail: your password stays as it is.",
      ],
      action: "Choose a new password",
    },
    "password-changed": {
      subject: "Your Homebase password was changed",
      lines: [
        `Hi ${input.username}, the password of your Homebase account was just changed, and your other sessions were signed out.`,
        notYou,
      ],
    },
    "email-changed": {
      subject: "The email address of your Homebase account is changing",
      lines: [
        `Hi ${input.username}, your Homebase account's email address is being changed to ${input.newEmail ?? "a new address"}. It is used once that address is verified.`,
        notYou,
      ],
    },
    "api-key-new-address": {
      subject: `${keySubject} was used from a new address`,
      lines: [
        `${keyLine} was just used from ${input.address ?? "an address"} for the first time${input.userAgent ? ` (${input.userAgent})` : ""}.`,
        `If this was not you, delete or rotate the key ${page.where} at once.`,
      ],
    },
    "api-key-revoked": {
      subject: `${keySubject} was revoked because it leaked`,
      lines: [
        `${keyLine} was reported as exposed${input.foundAt ? ` at ${input.foundAt}` : ""} and has been revoked: it no longer works.`,
        `Create a new key ${page.where}, and remove the old one from wherever it was published.`,
      ],
    },
    "api-key-expiring": {
      subject: `${keySubject} ${expiry.subject}`,
      lines: [`${keyLine} ${expiry.line}`, rotate],
    },
    "api-key-expires-today": {
      subject: `${keySubject} ${expiry.subject}`,
      lines: [`${keyLine} ${expiry.line}`, rotate],
    },
    "account-deleted": {
      subject: "Your Homebase account was deleted",
      lines: [
        `Hi ${input.username}, your Homebase account was deleted as you asked. Its sessions and API keys no longer work, and its data is being removed.`,
      ],
    },
  };
  const { subject, lines, action } = content[input.kind];
  const text = [...lines, ...(link ? ["", `${action}: ${link}`] : []), "", `${footer.label}: ${footer.url}`].join("\n");
  const html = [
    '<!doctype html><html><body style="font-family: system-ui, sans-serif; line-height: 1.5">',
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    link
      ? `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:8px 16px;background:#1c7ed6;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(action ?? "Open")}</a></p><p style="color:#555">Or paste this link into your browser: ${escapeHtml(link)}</p>`
      : "",
    `<p style="color:#555;font-size:13px"><a href="${escapeHtml(footer.url)}">${escapeHtml(footer.label)}</a></p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}

/**
 * The expiry part of a key's expiry e-mails, true when it is sent: the time left from `now` to
 * `expiresAt` ("expires in 3 days, at 09:19 UTC on 2026-12-04"), or, for a key that has already
 * expired, the past ("expired at 09:19 UTC on 2026-12-01; it no longer works").
 */
function expiryWording(input: AccountEmailInput): { subject: string; line: string } {
  const at = utcInstant(input.expiresAt);
  const left = input.expiresAt && input.now ? Date.parse(input.expiresAt) - input.now.getTime() : Number.NaN;
  if (!at) return { subject: "expires soon", line: "expires soon." };
  if (Number.isNaN(left)) return { subject: "expires soon", line: `expires at ${at} and then stops working.` };
  if (left <= 0) return { subject: "expired", line: `expired at ${at}; it no longer works.` };
  const inTime = `in ${duration(left)}`;
  return { subject: `expires ${inTime}`, line: `expires ${inTime}, at ${at}, and then stops working.` };
}
