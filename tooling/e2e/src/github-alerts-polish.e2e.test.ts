import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startFakeGithub } from "@homebase/fake-github";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { eventually, expectNoAxeViolations, expectPath, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * Issue 15, items 8, 9 and 12 (the delivery log on a phone), in Chromium:
 * - the "GitHub connected" banner goes with Disconnect and does not come back on reload;
 * - without GITHUB_CLIENT_ID the organisation admin is told what to set and which callback URL
 *   to register (with Copy); another user is still told to ask the administrator;
 * - "Send test" answers next to the button: sent (where, when) or why not;
 * - on a 390 px wide phone the delivery log's status badges are whole.
 * Axe runs on every page state; screenshots at 1280×800 and 390×844 go to /tmp/gap-*.png.
 */

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Axe, then a screenshot, at a desktop and a phone size; leaves the page at desktop size. */
async function checkAndShoot(page: Page, name: string, what: string) {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await expectNoAxeViolations(page, `${what} at ${size.width}×${size.height}`);
    await page.screenshot({ path: `/tmp/gap-${name}-${size.width}x${size.height}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

// --- a local Slack that answers per path ------------------------------------------------------

async function startSlack() {
  const replies = new Map<string, { status: number; body: string }>();
  const received: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push(path);
      const reply = replies.get(path) ?? { status: 200, body: "ok" };
      res.writeHead(reply.status, { "content-type": "text/plain" });
      res.end(reply.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    /** Every request to `path` gets this answer (default 200 "ok"). */
    answer: (path: string, status: number, body: string) => replies.set(path, { status, body }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe("with GitHub and Slack", () => {
  const suite = setUpSuite({
    services: { github: startFakeGithub, slack: startSlack },
    env: ({ github, slack }) => ({
      GITHUB_CLIENT_ID: github.clientId,
      GITHUB_CLIENT_SECRET: github.clientSecret,
      GITHUB_BASE_URL: github.url,
      SLACK_WEBHOOK_HOSTS: `hooks.slack.com,${slack.origin}`,
    }),
  });

  it("hides the GitHub connected banner on Disconnect, and after a reload", async () => {
    const { page } = suite;
    const { github } = suite.services;
    await signUp(page, newAccount());
    await page.goto("/settings/integrations");
    await page.getByRole("link", { name: "Connect GitHub" }).click();
    await page.waitForURL((url) => url.origin === github.url && url.pathname === "/login/oauth/authorize");
    await page.getByRole("link", { name: "Authorize" }).click();
    await expectPath(page, "/settings/integrations");

    const banner = page.getByRole("status").filter({ hasText: "GitHub connected" });
    await eventually(() => banner.isVisible()).toBe(true);
    await eventually(() => banner.textContent()).toContain("octo-ada is now connected");
    // The one-time outcome leaves the address bar, so a reload cannot repeat it.
    await eventually(() => new URL(page.url()).search).toBe("");
    await checkAndShoot(page, "github-connected", "Integrations right after connecting GitHub");

    const card = page.getByRole("region", { name: "GitHub" });
    await card.getByRole("button", { name: "Disconnect" }).click();
    const dialog = page.getByRole("dialog", { name: "Disconnect GitHub" });
    await dialog.getByRole("button", { name: "Disconnect GitHub" }).click();
    await eventually(() => card.getByRole("link", { name: "Connect GitHub" }).isVisible()).toBe(true);
    await eventually(() => banner.count()).toBe(0);
    expect(await page.getByText("is now connected to Homebase").count()).toBe(0);
    await checkAndShoot(page, "github-disconnected", "Integrations after Disconnect");

    await page.reload();
    await eventually(() => card.getByRole("link", { name: "Connect GitHub" }).isVisible()).toBe(true);
    expect(await banner.count()).toBe(0);
    expect(await page.getByText("is now connected to Homebase").count()).toBe(0);
  });

  /** Saves a webhook URL in the Slack card (first or replacement). */
  async function saveWebhook(slackCard: Locator, url: string) {
    const field = slackCard.getByRole("textbox", { name: /Webhook URL/i });
    await field.fill(url);
    const saved = suite.page.waitForResponse(
      (res) => res.request().method() === "PUT" && res.url().endsWith("/api/v1/me/integrations/slack"),
    );
    await slackCard.getByRole("button", { name: /^(Save|Replace webhook)$/ }).click();
    expect((await saved).status()).toBe(200);
    await eventually(() => field.inputValue()).toBe("");
  }

  it("shows the result of Send test next to the button, and whole status badges on a phone", async () => {
    const { page } = suite;
    const { slack } = suite.services;
    const account = newAccount("alerts");
    await signUp(page, account);
    await page.goto("/settings/alerts");
    const slackCard = page.getByRole("region", { name: "Slack", exact: true });
    await saveWebhook(slackCard, `${slack.origin}/hooks/${account.username}`);

    const sendTest = slackCard.getByRole("button", { name: "Send test" });
    await sendTest.click();
    const result = slackCard.getByRole("status").filter({ hasText: /Sent to your Slack channel at \d{1,2}:\d{2}/ });
    await eventually(() => result.count(), 30_000).toBe(1);
    expect(slack.received).toContain(`/hooks/${account.username}`);
    // Next to the button: on its row, just right of it.
    const buttonBox = (await sendTest.boundingBox())!;
    const resultBox = (await result.boundingBox())!;
    expect(resultBox.x).toBeGreaterThanOrEqual(buttonBox.x + buttonBox.width);
    expect(resultBox.x - (buttonBox.x + buttonBox.width)).toBeLessThan(40);
    expect(Math.abs(resultBox.y + resultBox.height / 2 - (buttonBox.y + buttonBox.height / 2))).toBeLessThan(
      buttonBox.height,
    );
    await checkAndShoot(page, "send-test-sent", "Alerts after a test message was sent");

    // A webhook Slack no longer knows: the failure is explained where the user clicked.
    slack.answer(`/hooks/${account.username}-gone`, 404, "no_service");
    await saveWebhook(slackCard, `${slack.origin}/hooks/${account.username}-gone`);
    await sendTest.click();
    const failure = slackCard.getByRole("status").filter({ hasText: "Not delivered" });
    await eventually(() => failure.count(), 30_000).toBe(1);
    expect(await failure.textContent()).toMatch(/Slack answered 404: no_service — the webhook no longer exists/);
    expect(await failure.textContent()).not.toContain("Sent to");

    // The log says the same: one sent, one failed with the explanation, no raw code alone.
    const table = page.getByRole("table", { name: "The last 100 deliveries, newest first" });
    const rows = table.getByRole("row").filter({ hasText: "Test message" });
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(/Failed/);
    expect(await rows.nth(0).textContent()).toContain("the webhook no longer exists");
    expect(await rows.nth(1).textContent()).toMatch(/Sent/);
    await checkAndShoot(page, "send-test-failed", "Alerts after a failed test message");

    // On a phone the log is a list; every status badge is whole, inside its item and the screen.
    await page.setViewportSize(PHONE);
    await page.reload();
    const list = page.getByRole("list", { name: "The last 100 deliveries, newest first" });
    await eventually(() => list.getByRole("listitem").count()).toBe(2);
    for (const item of await list.getByRole("listitem").all()) {
      const badge = item.locator(".mantine-Badge-root");
      expect(await badge.count()).toBe(1);
      const itemBox = (await item.boundingBox())!;
      const badgeBox = (await badge.boundingBox())!;
      expect(badgeBox.x).toBeGreaterThanOrEqual(itemBox.x);
      expect(badgeBox.x + badgeBox.width).toBeLessThanOrEqual(itemBox.x + itemBox.width + 0.5);
      expect(badgeBox.x + badgeBox.width).toBeLessThanOrEqual(PHONE.width);
      // Its label is not cut off inside the badge either.
      const clipped = await badge.evaluate((el) => {
        const label = el.querySelector(".mantine-Badge-label") ?? el;
        return label.scrollWidth > label.clientWidth + 1 || el.scrollWidth > el.clientWidth + 1;
      });
      expect(clipped).toBe(false);
    }
    expect(await list.textContent()).toMatch(/Failed/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectNoAxeViolations(page, "the delivery log at 390×844");
    await page.screenshot({ path: "/tmp/gap-delivery-log-390x844.png", fullPage: true });
  });
});

describe("without GITHUB_CLIENT_ID", () => {
  const suite = setUpSuite();

  it("shows the organisation admin what to set and the callback URL; another user is told to ask", async () => {
    const { page, homebase, browser } = suite;
    // The first user of the instance is the organisation admin.
    await signUp(page, newAccount("admin"));
    await page.goto("/settings/integrations");
    const card = page.getByRole("region", { name: "GitHub" });
    await eventually(() => card.getByText("GITHUB_CLIENT_ID", { exact: true }).isVisible()).toBe(true);
    for (const name of ["GITHUB_CLIENT_SECRET", "GITHUB_BASE_URL"]) {
      expect(await card.getByText(name, { exact: true }).isVisible()).toBe(true);
    }
    const callbackUrl = `${homebase.url}/api/v1/integrations/github/callback`;
    expect(await card.getByText(callbackUrl, { exact: true }).isVisible()).toBe(true);
    expect(await card.textContent()).not.toContain("your administrator");

    await suite.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: homebase.url });
    await card.getByRole("button", { name: "Copy authorization callback URL" }).click();
    await eventually(() => page.evaluate(() => navigator.clipboard.readText())).toBe(callbackUrl);
    expect(await card.getByRole("status").filter({ hasText: "copied" }).count()).toBe(1);
    await checkAndShoot(page, "github-setup-admin", "the GitHub setup for the admin");

    // A failed attempt's banner does not send her to an administrator either.
    await page.goto("/settings/integrations?github=not-configured");
    const banner = page.getByRole("alert").filter({ hasText: "GitHub is not set up" });
    await eventually(() => banner.isVisible()).toBe(true);
    expect(await banner.textContent()).not.toContain("your administrator");
    await expectNoAxeViolations(page, "the not-configured banner for the admin");

    // Another user of the same instance is not an admin: no variables, ask the administrator.
    const other = await browser.newContext({ baseURL: homebase.url, bypassCSP: true });
    try {
      const otherPage = await other.newPage();
      await signUp(otherPage, newAccount("member"));
      await otherPage.goto("/settings/integrations");
      const otherCard = otherPage.getByRole("region", { name: "GitHub" });
      await eventually(() => otherCard.getByText("not configured by your administrator").isVisible()).toBe(true);
      expect(await otherCard.getByText("GITHUB_CLIENT_ID").count()).toBe(0);
      expect(await otherCard.getByText(callbackUrl).count()).toBe(0);
      await checkAndShoot(otherPage, "github-setup-member", "GitHub not configured, for a member");
    } finally {
      await other.close();
    }
  });
});
