import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createApiKeyInUi, eventually, expectNoAxeViolations, newAccount, signUp } from "./section-helpers";
import { startSmtpReceiver } from "./smtp-receiver";
import { setUpSuite } from "./suite";

/**
 * Alerts end to end: the user switches on "Run crashed" by e-mail, a program starts a run and
 * goes silent, the worker's watchdog marks it crashed, and the e-mail reaches a real SMTP
 * server while the delivery log in the page shows it sent.
 */
const suite = setUpSuite({
  services: { smtp: startSmtpReceiver },
  env: ({ smtp }) => ({ SMTP_URL: smtp.url, RUN_HEARTBEAT_TIMEOUT_S: "2", WATCHDOG_INTERVAL_MS: "1000" }),
});

/** Flips a switch of the grid and waits for the server to accept the change. */
async function setSwitch(p: Page, name: string, on: boolean) {
  const toggle = p.getByRole("switch", { name });
  if ((await toggle.isChecked()) === on) return;
  const saved = p.waitForResponse((res) => res.request().method() === "PUT" && res.url().endsWith("/api/v1/me/alerts"));
  // The visible track sits over the (visually hidden) input, as in every Mantine switch.
  await toggle.click({ force: true });
  expect((await saved).status()).toBe(200);
  await eventually(() => toggle.isChecked()).toBe(on);
}

describe("alerts", () => {
  it("e-mails a crashed run to a real SMTP server and shows the delivery as sent", async () => {
    const { page, homebase } = suite;
    const { smtp } = suite.services;
    const account = newAccount();
    await signUp(page, account);
    const { key } = await createApiKeyInUi(page, "alerts e2e");

    await page.goto("/settings/alerts");
    await eventually(() => page.getByText("Nothing sent yet").isVisible()).toBe(true);
    // Slack is not connected: its column is off, with the way to connect it.
    expect(await page.getByRole("switch", { name: "Run crashed by Slack" }).isDisabled()).toBe(true);
    expect(await page.getByRole("link", { name: "Connect Slack" }).isVisible()).toBe(true);
    await expectNoAxeViolations(page, "the alerts section");

    // Only crashes by e-mail: start from everything off, then switch Run crashed → Email on.
    for (const event of ["Runs finished", "Run crashed", "Scriptable run alerts", "Storage"]) {
      await setSwitch(page, `${event} by Email`, false);
    }
    await page.reload();
    await eventually(() => page.getByRole("switch", { name: "Run crashed by Email" }).isChecked()).toBe(false);
    await setSwitch(page, "Run crashed by Email", true);
    await page.reload();
    await eventually(() => page.getByRole("switch", { name: "Run crashed by Email" }).isChecked()).toBe(true);
    expect(await page.getByRole("switch", { name: "Runs finished by Email" }).isChecked()).toBe(false);

    // A program starts a run and never sends a heartbeat.
    const created = await fetch(`${homebase.url}/api/v1/runs`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ project: "e2e-alerts", name: "silent-run" }),
    });
    expect(created.status).toBe(201);

    // The log refreshes on its own: no reload.
    const log = page.getByRole("table", { name: "The last 100 deliveries, newest first" });
    const row = log.getByRole("row").filter({ hasText: "Run crashed" });
    await eventually(() => row.count(), 60_000).toBeGreaterThan(0);
    await eventually(() => row.first().textContent(), 30_000).toMatch(/Sent/);
    expect(await row.first().textContent()).toContain("Email");
    await expectNoAxeViolations(page, "the alerts section with a delivery");

    // Account e-mails (the sign-up's address verification, the key's first use from an address)
    // go to the same inbox: only alerts count here.
    const ACCOUNT_MAIL = /^(Verify your email|Your API key|Your Homebase|Reset your|The email address)/;
    const alerts = () => smtp.messages.filter((m) => m.to.includes(account.email) && !ACCOUNT_MAIL.test(m.subject));
    await eventually(() => alerts().length, 10_000).toBeGreaterThan(0);
    const mail = alerts()[0];
    expect(mail, "the crash e-mail reached the SMTP server").toBeDefined();
    expect(mail?.subject).toMatch(/^Run crashed: .*silent-run/);
    // Exactly one, and nothing for the events that are off.
    expect(alerts()).toHaveLength(1);
  });
});
