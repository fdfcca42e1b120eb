import { describe, expect, it } from "vitest";
import { type AccountEmailInput, accountEmail } from "./account-email";

const HOUR = 3600_000;
const now = new Date("2026-12-01T09:00:00Z");
const key = {
  username: "ada",
  publicUrl: "https://homebase.example.org/",
  keyId: "AAAAAAAAAAAA",
  keyName: "nightly",
  now,
} satisfies Partial<AccountEmailInput>;
const expiring = (hoursLeft: number, extra: Partial<AccountEmailInput> = {}) =>
  accountEmail({
    ...key,
    kind: "api-key-expiring",
    expiresAt: new Date(now.getTime() + hoursLeft * HOUR).toISOString(),
    ...extra,
  });

describe("API key expiry e-mails", () => {
  it("state the real time left, whichever claim sent them", () => {
    expect(expiring(7 * 24 - 1).subject).toBe('Your API key "nightly" expires in 7 days');
    expect(expiring(3 * 24 + 2).subject).toBe('Your API key "nightly" expires in 3 days');
    expect(expiring(30).subject).toBe('Your API key "nightly" expires in 30 hours');
    expect(expiring(1).subject).toBe('Your API key "nightly" expires in 1 hour');
    expect(expiring(0.25).subject).toBe('Your API key "nightly" expires in 15 minutes');
    const notice = expiring(5, { kind: "api-key-expires-today" });
    expect(notice.subject).toBe('Your API key "nightly" expires in 5 hours');
    expect(notice.text).toContain("expires in 5 hours, at 14:00 UTC on 2026-12-01, and then stops working.");
    expect(notice.text).not.toMatch(/today/);
    // Late on the 1st, expiring early on the 2nd: hours, never "today".
    expect(expiring(3 * 24 + 2).text).toContain("at 11:00 UTC on 2026-12-04");
  });

  it("speak of an already expired key in the past tense", () => {
    const mail = expiring(-0.5, { kind: "api-key-expires-today" });
    expect(mail.subject).toBe('Your API key "nightly" expired');
    expect(mail.text).toContain("expired at 08:30 UTC on 2026-12-01; it no longer works.");
    expect(mail.text).toContain("Rotate it in Settings → API keys to get a replacement");
    expect(mail.text).not.toMatch(/expires|stops working/);
  });

  it("link personal keys to Settings → API keys", () => {
    const mail = expiring(48);
    expect(mail.text).toContain("API keys: https://homebase.example.org/settings/api-keys");
    expect(mail.html).toContain('href="https://homebase.example.org/settings/api-keys"');
    expect(mail.text).not.toContain("/settings/account");
  });

  it("name a service account and its team, and send the admins to the team's page", () => {
    const serviceAccount = { name: "ci-bot", team: "acme" };
    const mail = expiring(3 * 24, { serviceAccount });
    expect(mail.subject).toBe('The API key "nightly" of service account "ci-bot" (team acme) expires in 3 days');
    expect(mail.text).toContain('the API key "nightly" (ID AAAAAAAAAAAA) of the service account "ci-bot" in the team');
    expect(mail.text).toContain("Rotate it on the team's page (Teams → acme → Service accounts)");
    expect(mail.text).toContain("https://homebase.example.org/teams/acme?tab=service-accounts");
    expect(mail.text).not.toMatch(/Your API key|Settings → API keys|\/settings\//);
  });
});

describe("other API key e-mails", () => {
  const serviceAccount = { name: "ci-bot", team: "acme" };
  it.each([
    ["api-key-new-address", { address: "203.0.113.9" }],
    ["api-key-revoked", { foundAt: "https://github.com/ada/x/blob/main/.env" }],
  ] as const)("%s links to the key's page", (kind, extra) => {
    const own = accountEmail({ ...key, kind, ...extra });
    expect(own.text).toContain("in Settings → API keys");
    expect(own.text).toContain("https://homebase.example.org/settings/api-keys");
    expect(own.text).not.toContain("/settings/account");
    const team = accountEmail({ ...key, kind, ...extra, serviceAccount });
    expect(team.subject).toMatch(/^The API key "nightly" of service account "ci-bot" \(team acme\) /);
    expect(team.text).toContain("on the team's page (Teams → acme → Service accounts)");
    expect(team.html).toContain('href="https://homebase.example.org/teams/acme?tab=service-accounts"');
    expect(team.text).not.toContain("/settings/");
  });

  it("leave the other account e-mails linking to the account's settings", () => {
    const mail = accountEmail({ kind: "password-changed", username: "ada", publicUrl: "https://h.example" });
    expect(mail.text).toContain("Account settings: https://h.example/settings/account");
  });
});
