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
  /** api-key-expiring / -expires-today: when the key expires (ISO 8601). */
  expiresAt?: string;
}

function linkFor(input: AccountEmailInput): string | null {
  if (input.kind !== "verify-email" && input.kind !== "password-reset") return null;
  const base = input.publicUrl.replace(/\/$/, "");
  return `${base}${ACCOUNT_LINK_PATHS[input.kind]}?token=${encodeURIComponent(input.token ?? "")}`;
}

/** Subject, text and HTML of an account e-mail. Links are absolute, from PUBLIC_URL. */
export function accountEmail(input: AccountEmailInput): { subject: string; text: string; html: string } {
  const link = linkFor(input);
  const settings = `${input.publicUrl.replace(/\/$/, "")}/settings/account`;
  const notYou = "If this was not you, reset your password at once and review your sessions in Settings → Account.";
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
      subject: `Your API key "${input.keyName ?? input.keyId ?? ""}" was used from a new address`,
      lines: [
        `Hi ${input.username}, the API key "${input.keyName ?? ""}" (ID ${input.keyId ?? "?"}) was just used from ${input.address ?? "an address"} for the first time${input.userAgent ? ` (${input.userAgent})` : ""}.`,
        "If this was not you, delete or rotate the key in Settings → API keys at once.",
      ],
    },
    "api-key-revoked": {
      subject: `Your API key "${input.keyName ?? input.keyId ?? ""}" was revoked because it leaked`,
      lines: [
        `Hi ${input.username}, the API key "${input.keyName ?? ""}" (ID ${input.keyId ?? "?"}) was reported as exposed${input.foundAt ? ` at ${input.foundAt}` : ""} and has been revoked: it no longer works.`,
        "Create a new key in Settings → API keys, and remove the old one from wherever it was published.",
      ],
    },
    "api-key-expiring": {
      subject: `Your API key "${input.keyName ?? input.keyId ?? ""}" expires in 7 days`,
      lines: [
        `Hi ${input.username}, the API key "${input.keyName ?? ""}" (ID ${input.keyId ?? "?"}) expires on ${input.expiresAt?.slice(0, 10) ?? "soon"}.`,
        "Rotate it in Settings → API keys to get a replacement with the same name and scope, then update the scripts that use it.",
      ],
    },
    "api-key-expires-today": {
      subject: `Your API key "${input.keyName ?? input.keyId ?? ""}" expires today`,
      lines: [
        `Hi ${input.username}, the API key "${input.keyName ?? ""}" (ID ${input.keyId ?? "?"}) expires at ${input.expiresAt?.replace("T", " ").slice(0, 16) ?? "the end of the day"} UTC and then stops working.`,
        "Rotate it in Settings → API keys to get a replacement with the same name and scope.",
      ],
    },
    "account-deleted": {
      subject: "Your Homebase account was deleted",
      lines: [
        `Hi ${input.username}, your Homebase account was deleted as you asked. Its sessions and API keys no longer work, and its data is being removed.`,
      ],
    },
  };
  const { subject, lines, action } = content[input.kind];
  const text = [...lines, ...(link ? ["", `${action}: ${link}`] : []), "", `Account settings: ${settings}`].join("\n");
  const html = [
    '<!doctype html><html><body style="font-family: system-ui, sans-serif; line-height: 1.5">',
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    link
      ? `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:8px 16px;background:#1c7ed6;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(action ?? "Open")}</a></p><p style="color:#555">Or paste this link into your browser: ${escapeHtml(link)}</p>`
      : "",
    `<p style="color:#555;font-size:13px"><a href="${escapeHtml(settings)}">Account settings</a></p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}
