import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type Account, eventually, expectNoAxeViolations, expectPath, newAccount, signUp } from "./section-helpers";
import { type ReceivedMail, startSmtpReceiver } from "./smtp-receiver";
import { setUpSuite } from "./suite";

/**
 * Account security in Chromium, with the e-mails read from a real SMTP server: the address is
 * verified from the link mailed at sign-up and after a change of address, the password is
 * changed (other sessions end) and reset from the sign-in page, and another browser's session is
 * listed and signed out. Axe runs on every page and card touched; screenshots at 1280×800 and
 * 390×844 go to /tmp/sec-*.png.
 */
const suite = setUpSuite({
  services: { smtp: startSmtpReceiver },
  env: ({ smtp }) => ({ SMTP_URL: smtp.url }),
});

const SUBJECTS = {
  verify: "Verify your email address for Homebase",
  reset: "Reset your Homebase password",
  passwordChanged: "Your Homebase password was changed",
  emailChanging: "The email address of your Homebase account is changing",
};

/** The message's text with quoted-printable soft breaks and escapes undone (what a mail client shows). */
function decodedBody(mail: ReceivedMail): string {
  const qp = mail.raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  // Parts sent as base64: decode each block too, so the link is found whatever the encoding.
  const base64 = [
    ...mail.raw.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:.+\r?\n)*?\r?\n([A-Za-z0-9+/=\r\n]+)/gi),
  ]
    .map((m) => Buffer.from((m[1] ?? "").replace(/\s+/g, ""), "base64").toString("utf8"))
    .join("\n");
  return `${qp}\n${base64}`;
}

/** Waits for the one e-mail with this subject to this address (after `since` earlier ones) and returns it. */
async function mailTo(address: string, subject: string, since = 0): Promise<ReceivedMail> {
  const find = () =>
    suite.services.smtp.messages.filter((m) => m.to.includes(address) && m.subject === subject).slice(since);
  await eventually(() => find().length, 20_000).toBeGreaterThan(0);
  return find()[0] as ReceivedMail;
}

/** The link of an account e-mail to `path` (/verify-email or /reset-password), as sent. */
function linkIn(mail: ReceivedMail, path: string): string {
  const escaped = path.replace(/[/]/g, "\\/");
  const match = new RegExp(`https?://[^\\s"<>]+${escaped}\\?token=[^\\s"<>&]+`).exec(decodedBody(mail));
  if (!match) throw new Error(`no ${path} link in the e-mail "${mail.subject}":\n${mail.raw.slice(0, 3000)}`);
  return match[0];
}

async function signIn(page: Page, login: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Username or email", { exact: true }).fill(login);
  await page.getByLabel("Password", { exact: true }).fill(password);
  const answer = page.waitForResponse((res) => res.url().endsWith("/api/v1/auth/login"));
  await page.getByRole("button", { name: "Sign in" }).click();
  return (await answer).status();
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: /^Account menu for / }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expectPath(page, "/login");
}

/**
 * Screenshots of the page as it is, at a desktop and a phone size: the whole page from its top
 * (the sticky header stays in place), or with `fullPage: false` what is on screen (a dialog).
 */
async function shoot(page: Page, name: string, { fullPage = true } = {}) {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `/tmp/sec-${name}-${width}x${height}.png`, fullPage });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** A second browser (its own cookies), signed in as the account. */
async function secondBrowser(account: Account): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.browser.newContext({ baseURL: suite.homebase.url, bypassCSP: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  expect(await signIn(page, account.username, account.password)).toBe(200);
  await expectPath(page, "/settings");
  return { context, page };
}

describe("account security", () => {
  it("verifies the address from the link mailed at sign-up; the notice goes", async () => {
    const { page } = suite;
    const account = newAccount("verify");
    await signUp(page, account);
    // Above the other settings pages, a notice with Resend link.
    await page.goto("/settings/beta-features");
    const notice = page.getByRole("region", { name: "Verify your email address" });
    await eventually(() => notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain(account.email);
    await expectNoAxeViolations(page, "a settings page with the verify-your-email notice");
    await shoot(page, "notice");

    // Resend from the notice: a new link, and only the newest one works.
    const first = linkIn(await mailTo(account.email, SUBJECTS.verify), "/verify-email");
    await notice.getByRole("button", { name: "Resend link" }).click();
    await eventually(() => notice.getByRole("status").textContent()).toContain(
      `We sent a new link to ${account.email}`,
    );
    const link = linkIn(await mailTo(account.email, SUBJECTS.verify, 1), "/verify-email");
    expect(link).not.toBe(first);

    // The account section says it in its Email address card instead.
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Account" }).click();
    const emailCard = page.getByRole("form", { name: "Email address" });
    await eventually(() => emailCard.getByText("Not verified").isVisible()).toBe(true);
    expect(await emailCard.getByRole("button", { name: "Resend link" }).isVisible()).toBe(true);
    expect(await notice.count()).toBe(0);
    await eventually(() => page.getByText("You are signed in here only.").isVisible()).toBe(true);
    // The pointer off the navigation: the hovered active link's tint is the shell's, measured elsewhere.
    await page.mouse.move(0, 0);
    await expectNoAxeViolations(page, "the account section, address not verified");
    await shoot(page, "account-unverified");

    expect(link.startsWith(`${suite.homebase.url}/verify-email?token=`)).toBe(true);
    await page.goto(link);
    await eventually(() => page.getByRole("heading", { name: "Email address verified" }).isVisible()).toBe(true);
    await expectNoAxeViolations(page, "the verify-email page, verified");
    await shoot(page, "verify-email-done");

    await page.getByRole("link", { name: "Go to your settings" }).click();
    await expectPath(page, "/settings/account");
    await eventually(() => emailCard.getByText("Verified", { exact: true }).isVisible()).toBe(true);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Beta features" }).click();
    await expectPath(page, "/settings/beta-features");
    expect(await notice.count()).toBe(0);

    // The link works once: opened again, it says so, and a new one is not needed.
    await page.goto(link);
    await eventually(() => page.getByRole("heading", { name: "This link cannot be used" }).isVisible()).toBe(true);
    expect(await page.getByRole("alert").textContent()).toContain("already used");
    await page.getByRole("button", { name: "Send a new link" }).click();
    expect(await page.getByText(`Your current address, ${account.email}, is verified.`).isVisible()).toBe(true);
    await eventually(() => page.getByText("Your email address is already verified").isVisible()).toBe(true);
    await expectNoAxeViolations(page, "the verify-email page, used link");
    await shoot(page, "verify-email-used");
  });

  it("changes the address: a link to the new one, the old one told, then sign-in with the new one", async () => {
    const { page } = suite;
    const account = newAccount("move");
    const next = `moved-${account.email}`;
    await signUp(page, account);
    await page.goto("/settings/account");
    const emailCard = page.getByRole("form", { name: "Email address" });
    await emailCard.getByLabel("New email address").fill(next);
    // A wrong password is refused under its field; the user stays signed in.
    await emailCard.getByLabel("Your password").fill("not my password");
    await emailCard.getByRole("button", { name: "Change email address" }).click();
    await eventually(() => emailCard.getByText("The password is not correct.").isVisible()).toBe(true);

    await emailCard.getByLabel("Your password").fill(account.password);
    await emailCard.getByRole("button", { name: "Change email address" }).click();
    const waiting = emailCard.getByRole("status").filter({ hasText: "Waiting for verification" });
    await eventually(() => waiting.isVisible()).toBe(true);
    expect(await waiting.textContent()).toContain(next);
    await expectNoAxeViolations(page, "the email card with an address waiting for verification");
    await shoot(page, "account-email-pending");

    const told = await mailTo(account.email, SUBJECTS.emailChanging);
    expect(decodedBody(told)).toContain(next);
    await page.goto(linkIn(await mailTo(next, SUBJECTS.verify), "/verify-email"));
    await eventually(() => page.getByRole("heading", { name: "Email address verified" }).isVisible()).toBe(true);
    await page.getByRole("link", { name: "Go to your settings" }).click();
    await eventually(() => emailCard.getByText(next, { exact: true }).isVisible()).toBe(true);
    expect(await emailCard.getByText("Verified", { exact: true }).isVisible()).toBe(true);
    expect(await waiting.count()).toBe(0);

    await logOut(page);
    expect(await signIn(page, next, account.password)).toBe(200);
    await expectPath(page, "/settings");
  });

  it("changes the password: another browser is signed out, the old password fails and the new one works", async () => {
    const { page } = suite;
    const account = newAccount("pw");
    const newPassword = `${account.password} again`;
    await signUp(page, account);
    const other = await secondBrowser(account);
    try {
      await page.goto("/settings/account");
      const card = page.getByRole("form", { name: "Password" });
      // Checked before anything is sent.
      await card.getByLabel("Current password").fill(account.password);
      await card.getByLabel("New password", { exact: true }).fill("short");
      await card.getByLabel("Confirm new password").fill("short");
      await card.getByRole("button", { name: "Change password" }).click();
      await eventually(() => card.getByText("Must be at least 8 characters.").isVisible()).toBe(true);
      await expectNoAxeViolations(page, "the password card with an error");

      await card.getByLabel("New password", { exact: true }).fill(newPassword);
      await card.getByLabel("Confirm new password").fill(newPassword);
      const changed = page.waitForResponse((res) => res.url().endsWith("/api/v1/me/password"));
      // From the keyboard: Enter in the last field submits the card.
      await card.getByLabel("Confirm new password").press("Enter");
      expect((await changed).status()).toBe(204);
      const done = card.getByRole("status").filter({ hasText: "Password changed" });
      await eventually(() => done.isVisible()).toBe(true);
      expect(await done.textContent()).toContain("Your other sessions were signed out.");
      await eventually(() => page.getByText("You are signed in here only.").isVisible()).toBe(true);
      await expectNoAxeViolations(page, "the password card after a change");
      await shoot(page, "account-password-changed");
      await mailTo(account.email, SUBJECTS.passwordChanged);

      // The other browser's session has ended: its next visit goes to sign-in.
      await other.page.goto("/settings/account");
      await expectPath(other.page, "/login");

      await logOut(page);
      expect(await signIn(page, account.username, account.password)).toBe(401);
      await eventually(() => page.getByRole("alert").filter({ hasText: "Could not sign in" }).isVisible()).toBe(true);
      expect(await signIn(page, account.username, newPassword)).toBe(200);
      await expectPath(page, "/settings");
    } finally {
      await other.context.close();
    }
  });

  it("resets a forgotten password from the sign-in page with the e-mailed link", async () => {
    const { page } = suite;
    const account = newAccount("reset");
    const newPassword = `${account.password} reset`;
    await signUp(page, account);
    await logOut(page);

    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expectPath(page, "/forgot-password");
    await expectNoAxeViolations(page, "the forgot-password page");
    await shoot(page, "forgot-password");
    // An address without an account gets the very same answer.
    await page.getByLabel("Email", { exact: true }).fill(`nobody-${account.email}`);
    await page.getByRole("button", { name: "Send reset link" }).click();
    const sent = page.getByRole("status").filter({ hasText: "If an account exists for" });
    await eventually(() => sent.isVisible()).toBe(true);
    const unknownAnswer = (await sent.textContent())?.replace(`nobody-${account.email}`, "ADDRESS");
    await page.getByRole("button", { name: "Use another address" }).click();
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await eventually(() => sent.textContent()).toContain(account.email);
    expect((await sent.textContent())?.replace(account.email, "ADDRESS")).toBe(unknownAnswer);
    await expectNoAxeViolations(page, "the forgot-password page, sent");
    await shoot(page, "forgot-password-sent");

    const link = linkIn(await mailTo(account.email, SUBJECTS.reset), "/reset-password");
    expect(suite.services.smtp.messages.some((m) => m.to.includes(`nobody-${account.email}`))).toBe(false);
    await page.goto(link);
    await eventually(() => page.getByRole("heading", { name: "Choose a new password" }).isVisible()).toBe(true);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(`${newPassword}!`);
    await page.getByRole("button", { name: "Change password" }).click();
    await eventually(() => page.getByText("The passwords do not match.").isVisible()).toBe(true);
    await expectNoAxeViolations(page, "the reset-password page with an error");
    await shoot(page, "reset-password");
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();

    await expectPath(page, "/login");
    const notice = page.getByRole("status").filter({ hasText: "Password changed" });
    await eventually(() => notice.isVisible()).toBe(true);
    await expectNoAxeViolations(page, "the sign-in page after a reset");
    await shoot(page, "login-after-reset");
    expect(await signIn(page, account.email, account.password)).toBe(401);
    expect(await signIn(page, account.email, newPassword)).toBe(200);
    await expectPath(page, "/settings");

    // The link worked once.
    await page.goto(link);
    await page.getByLabel("New password", { exact: true }).fill("another password");
    await page.getByLabel("Confirm new password").fill("another password");
    await page.getByRole("button", { name: "Change password" }).click();
    await eventually(() => page.getByRole("heading", { name: "This link cannot be used" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Send a new link" }).getAttribute("href")).toBe("/forgot-password");
  });

  it("lists both browsers' sessions and signs the other one out after a confirmation", async () => {
    const { page } = suite;
    const account = newAccount("sess");
    await signUp(page, account);
    const other = await secondBrowser(account);
    try {
      await page.goto("/settings/account");
      const list = page.getByRole("list", { name: "Signed-in browsers" });
      await eventually(() => list.getByRole("listitem").count()).toBe(2);
      const here = list.getByRole("listitem").first();
      expect(await here.textContent()).toContain("This device");
      expect(await here.textContent()).toMatch(/Chrome on Linux/);
      expect(await here.getByRole("button").count()).toBe(0);
      expect(await page.getByText("Signed in here and in 1 other browser.").isVisible()).toBe(true);

      // The system's dark scheme: the cards and badges keep their contrast.
      await page.emulateMedia({ colorScheme: "dark" });
      await page.mouse.move(0, 0);
      await expectNoAxeViolations(page, "the account section in the dark scheme");
      await shoot(page, "account-dark");
      await page.emulateMedia({ colorScheme: "light" });

      await list.getByRole("button", { name: /^Sign out Chrome on Linux/ }).click();
      const dialog = page.getByRole("dialog", { name: "Sign out this session?" });
      await eventually(() => dialog.isVisible()).toBe(true);
      expect(await dialog.textContent()).toContain("Chrome on Linux");
      await expectNoAxeViolations(page, "the sign-out-session dialog");
      await shoot(page, "sessions-dialog", { fullPage: false });
      const ended = page.waitForResponse((res) => res.request().method() === "DELETE");
      await dialog.getByRole("button", { name: "Sign out session" }).click();
      expect((await ended).status()).toBe(204);
      await eventually(() => list.getByRole("listitem").count()).toBe(1);
      await eventually(() => dialog.count()).toBe(0);
      await expectNoAxeViolations(page, "the sessions card with one session");
      await shoot(page, "account-sessions");

      await other.page.goto("/settings/profile");
      await expectPath(other.page, "/login");
    } finally {
      await other.context.close();
    }
  });
});
