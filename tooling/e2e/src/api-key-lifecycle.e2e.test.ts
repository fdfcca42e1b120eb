import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type Account, closeShownKey, eventually, expectNoAxeViolations, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * A key's lifecycle in the key tables (issue 18): create a read-only key that expires in 7 days,
 * see its scope and expiry, use it from a program and find the address in its row, rotate it
 * (the new key shown once, the old one refused at once and kept, marked, under "Expired or
 * revoked"); the same rotation for a service-account key on the team page; and the
 * organisation's maximum lifetime narrowing the expiry choices.
 */
const suite = setUpSuite();

const SHOTS = "/tmp/api-key-lifecycle";

/** Desktop (1280×800) and phone (390×844) screenshots, with axe at both widths; back to desktop. */
async function checkBothWidths(page: Page, name: string) {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.mouse.move(1, 1);
    await expectNoAxeViolations(page, `${name} at ${width} px`);
    await page.screenshot({ path: `${SHOTS}-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** `GET /api/v1/viewer` from a program (outside the browser) with `key`. */
async function viewerStatus(key: string, userAgent = "curl/8.5.0") {
  const res = await fetch(`${suite.homebase.url}/api/v1/viewer`, {
    headers: { Authorization: `Bearer ${key}`, "User-Agent": userAgent },
  });
  return res.status;
}

/** A JSON request with the page's session cookie, as the app's own origin. */
async function sessionRequest(method: "GET" | "POST" | "PATCH", path: string, data?: unknown) {
  return suite.context.request.fetch(path, { method, data, headers: { Origin: suite.homebase.url } });
}

const keyId = (key: string) => /^hb_v1_([A-Za-z0-9]+)_/.exec(key)?.[1] ?? "";

/** The first account of this Homebase: its organisation admin. */
let orgAdmin: Account | undefined;

describe("API key lifecycle in the key tables", () => {
  it("creates a read-only 7-day key, shows where it was used, rotates it and lists the old one as rotated", async () => {
    const { page } = suite;
    await page.setViewportSize({ width: 1280, height: 800 });
    orgAdmin = newAccount("life");
    await signUp(page, orgAdmin);
    await page.goto("/settings/api-keys");
    await page.getByRole("button", { name: "Create new API key" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create new API key" });
    await dialog.getByRole("textbox", { name: "Name" }).fill("dashboard reader");
    const expires = dialog.getByRole("combobox", { name: "Expires" });
    // 30 days by default; no maximum here, so "No expiry" is offered.
    expect(await expires.inputValue()).toBe("30");
    expect(await expires.locator("option", { hasText: "No expiry" }).count()).toBe(1);
    await expires.selectOption("7");
    await dialog.getByRole("radio", { name: "Read-only" }).check();
    await checkBothWidths(page, "create-dialog");
    await dialog.getByRole("button", { name: "Create key" }).click();
    const shown = page.getByRole("dialog", { name: "Your new API key" });
    const key = await shown.getByRole("textbox", { name: "API key “dashboard reader”" }).inputValue();
    const id = keyId(key);
    expect(await shown.textContent()).toContain("Read-only");
    expect(await shown.textContent()).toContain("Expires in 7 days");
    await closeShownKey(shown);

    // The table shows the scope and the expiry.
    const row = page.getByRole("row").filter({ hasText: id });
    await eventually(() => row.textContent()).toContain("Read-only");
    expect(await row.textContent()).toContain("in 7 days");

    // A read key reads; the address and client are recorded, off the request's path.
    expect(await viewerStatus(key)).toBe(200);
    await eventually(async () => {
      const res = await sessionRequest("GET", "/api/v1/me/api-keys");
      const body = (await res.json()) as { items: { id: string; recentAddresses: unknown[] }[] };
      return body.items.find((k) => k.id === id)?.recentAddresses.length ?? 0;
    }).toBeGreaterThan(0);
    await page.reload();
    const disclosure = page.getByRole("button", { name: `Where “dashboard reader” (${id}) was used` });
    expect(await disclosure.getAttribute("aria-expanded")).toBe("false");
    await disclosure.focus();
    await page.keyboard.press("Enter");
    expect(await disclosure.getAttribute("aria-expanded")).toBe("true");
    const addresses = page.getByRole("list", { name: "Addresses that used “dashboard reader”" });
    await addresses.waitFor();
    expect(await addresses.textContent()).toContain("curl 8.5.0");
    expect(await addresses.textContent()).toMatch(/127\.0\.0\.1|::1/);
    expect(await addresses.textContent()).toContain("just now");
    await checkBothWidths(page, "expanded-row");

    // Rotate from the row's menu: a confirmation first, then the new key once.
    await page.getByRole("button", { name: `Actions for key “dashboard reader” (${id})` }).click();
    await page.getByRole("menuitem", { name: "Rotate key" }).click();
    const confirm = page.getByRole("dialog", { name: "Rotate API key" });
    await eventually(() => confirm.textContent()).toContain("The old key stops working at once");
    expect(await confirm.textContent()).toContain(id);
    await checkBothWidths(page, "rotate-confirm");
    const rotated = page.waitForResponse(
      (res) => res.request().method() === "POST" && res.url().endsWith(`/api/v1/me/api-keys/${id}/rotate`),
    );
    await confirm.getByRole("button", { name: "Rotate key" }).click();
    expect((await rotated).status()).toBe(201);
    const newShown = page.getByRole("dialog", { name: "Your new API key" });
    const newKey = await newShown.getByRole("textbox", { name: "API key “dashboard reader”" }).inputValue();
    expect(newKey).not.toBe(key);
    const newId = keyId(newKey);
    await checkBothWidths(page, "rotated-key");
    await closeShownKey(newShown);
    expect(await page.content()).not.toContain(newKey);

    // The old key is refused at once; the new one works.
    expect(await viewerStatus(key)).toBe(401);
    expect(await viewerStatus(newKey)).toBe(200);

    // The old row stays, marked rotated, with only Delete left; the new one is read-only for 7 days too.
    await eventually(() => row.textContent()).toContain("Rotated just now");
    const newRow = page.getByRole("row").filter({ hasText: newId });
    await eventually(() => newRow.textContent()).toContain("Read-only");
    expect(await newRow.textContent()).toContain("in 7 days");
    await page.getByRole("button", { name: `Actions for key “dashboard reader” (${id})` }).click();
    await page.getByRole("menuitem", { name: "Delete key" }).waitFor();
    expect(await page.getByRole("menuitem", { name: "Rotate key" }).count()).toBe(0);
    await page.keyboard.press("Escape");
    // Escape closes the menu (after its closing transition) before anything else is looked at.
    await eventually(() => page.getByRole("menu").count()).toBe(0);

    // Filter with the keyboard: "Expired or revoked" shows the old key only.
    const show = page.getByRole("combobox", { name: "Show" });
    await show.selectOption("inactive");
    await eventually(() => page.getByRole("row").filter({ hasText: newId }).count()).toBe(0);
    expect(await row.textContent()).toContain("Rotated just now");
    expect(await show.locator("option:checked").textContent()).toBe("Expired or revoked (1)");
    await checkBothWidths(page, "filtered-revoked");
    await show.selectOption("expiring");
    await eventually(() => page.getByRole("row").filter({ hasText: newId }).count()).toBe(1);
    expect(await page.getByRole("row").filter({ hasText: id }).count()).toBe(0);

    // Sorting by last use puts the key used last first (once its use is recorded).
    await eventually(async () => {
      const res = await sessionRequest("GET", "/api/v1/me/api-keys");
      const body = (await res.json()) as { items: { id: string; lastUsedAt: string | null }[] };
      return body.items.find((k) => k.id === newId)?.lastUsedAt ?? null;
    }).not.toBeNull();
    await page.reload();
    await page.getByRole("combobox", { name: "Sort by" }).selectOption("lastUsed");
    const rows = page.getByRole("table").getByRole("row");
    await eventually(() => rows.nth(1).textContent()).toContain(newId);
  });

  it("rotates a service account's key on the team page; a custom date must be in the future", async () => {
    const { page } = suite;
    await page.setViewportSize({ width: 1280, height: 800 });
    await signUp(page, newAccount("salife"));
    const team = `life-${randomBytes(3).toString("hex")}`;
    expect((await sessionRequest("POST", "/api/v1/teams", { name: team })).status()).toBe(201);
    const sa = (await (
      await sessionRequest("POST", `/api/v1/teams/${team}/service-accounts`, { name: "ci-bot" })
    ).json()) as { id: string };

    await page.goto(`/teams/${team}?tab=service-accounts`);
    await page.getByRole("heading", { name: "ci-bot" }).waitFor();
    await page.getByRole("button", { name: "Actions for ci-bot" }).click();
    await page.getByRole("menuitem", { name: "Create API key" }).click();
    const dialog = page.getByRole("dialog", { name: "Create an API key for ci-bot" });
    await dialog.getByLabel("Key name").fill("nightly");
    await dialog.getByRole("combobox", { name: "Expires" }).selectOption("custom");
    const date = dialog.getByLabel("Expiry date");
    await date.fill("2020-01-01");
    await dialog.getByRole("button", { name: "Create key" }).click();
    await dialog.getByText("Choose a date in the future (tomorrow or later).").waitFor();
    await checkBothWidths(page, "sa-create-date-error");
    const inTenDays = new Date(Date.now() + 10 * 24 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    await date.fill(`${inTenDays.getFullYear()}-${pad(inTenDays.getMonth() + 1)}-${pad(inTenDays.getDate())}`);
    await dialog.getByRole("radio", { name: "Read-only" }).check();
    await dialog.getByRole("button", { name: "Create key" }).click();
    const shown = page.getByRole("dialog", { name: "Your new API key" });
    const key = await shown.getByRole("textbox", { name: "API key “nightly”" }).inputValue();
    const id = keyId(key);
    await closeShownKey(shown);

    const keys = page.getByRole("list", { name: "API keys of ci-bot" });
    const item = keys.getByRole("listitem").filter({ hasText: id });
    await eventually(() => item.textContent()).toContain("Read-only");
    expect(await item.textContent()).toContain("Expires in 10 days");
    expect(await viewerStatus(key, "python-requests/2.31.0")).toBe(200);

    await page.getByRole("button", { name: `Rotate API key nightly (${id})` }).click();
    const confirm = page.getByRole("dialog", { name: "Rotate API key" });
    await eventually(() => confirm.textContent()).toContain("The old key stops working at once");
    expect(await confirm.textContent()).toContain("of the service account ci-bot");
    await expectNoAxeViolations(page, "the service-account rotate confirmation");
    const rotated = page.waitForResponse(
      (res) =>
        res.request().method() === "POST" &&
        res.url().endsWith(`/api/v1/teams/${team}/service-accounts/${sa.id}/api-keys/${id}/rotate`),
    );
    await confirm.getByRole("button", { name: "Rotate key" }).click();
    expect((await rotated).status()).toBe(201);
    const newShown = page.getByRole("dialog", { name: "Your new API key" });
    const newKey = await newShown.getByRole("textbox", { name: "API key “nightly”" }).inputValue();
    expect(await newShown.textContent()).toContain("Read-only");
    await closeShownKey(newShown);

    expect(await viewerStatus(key)).toBe(401);
    expect(await viewerStatus(newKey)).toBe(200);
    await eventually(() => item.textContent()).toContain("Rotated just now");
    // A rotated key cannot be rotated again, only deleted.
    expect(await page.getByRole("button", { name: `Rotate API key nightly (${id})` }).count()).toBe(0);
    await page.getByRole("button", { name: `Delete API key nightly (${id})` }).waitFor();
    const newItem = keys.getByRole("listitem").filter({ hasText: keyId(newKey) });
    // The same lifetime (10 days and the rest of today), counted from now: ends on day 10 or 11.
    await eventually(() => newItem.textContent()).toMatch(/Expires in 1[01] days/);
    await page.reload();
    await page.getByRole("button", { name: `Where nightly (${id}) was used` }).click();
    await eventually(() => item.textContent()).toContain("Python (requests 2.31.0)");
    await checkBothWidths(page, "sa-keys");
  });

  it("under an organisation maximum, offers no 'No expiry' and disables the longer choices", async () => {
    const { page } = suite;
    if (!orgAdmin) throw new Error("the first test signs up the organisation admin");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/login");
    await page.getByLabel("Username or email", { exact: true }).fill(orgAdmin.username);
    await page.getByLabel("Password", { exact: true }).fill(orgAdmin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/settings"));
    expect((await sessionRequest("PATCH", "/api/v1/admin/settings", { maxApiKeyLifetimeDays: 30 })).status()).toBe(200);
    try {
      await page.goto("/settings/api-keys");
      await page.getByRole("button", { name: "Create new API key" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Create new API key" });
      const expires = dialog.getByRole("combobox", { name: "Expires" });
      await eventually(() => expires.locator("option", { hasText: "No expiry" }).count()).toBe(0);
      expect(await expires.locator('option[value="60"]').isDisabled()).toBe(true);
      expect(await expires.locator('option[value="90"]').isDisabled()).toBe(true);
      expect(await expires.locator('option[value="30"]').isDisabled()).toBe(false);
      expect(await dialog.textContent()).toContain("at most 30 days");
      await checkBothWidths(page, "create-dialog-max");
    } finally {
      await sessionRequest("PATCH", "/api/v1/admin/settings", { maxApiKeyLifetimeDays: null });
    }
  });
});
