import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createApiKeyInUi, eventually, expectNoAxeViolations, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * The API keys section as a user meets it: create a key, read it from the show-once dialog,
 * use it from a program in both header forms, find it by part of its ID, delete it, and watch
 * the same program be refused at once.
 */
const suite = setUpSuite();

/** `GET /api/v1/viewer` as a program would call it, outside the browser. */
async function viewerWith(authorization: string) {
  const res = await fetch(`${suite.homebase.url}/api/v1/viewer`, { headers: { Authorization: authorization } });
  return { status: res.status, body: res.ok ? ((await res.json()) as { username: string }) : undefined };
}

const bearer = (key: string) => `Bearer ${key}`;
const basic = (key: string) => `Basic ${Buffer.from(`api:${key}`).toString("base64")}`;

describe("API keys", () => {
  it("creates a key shown once, authenticates with it, filters by ID, and deletes it", async () => {
    const { page } = suite;
    const account = newAccount();
    await signUp(page, account);

    await page.goto("/settings/api-keys");
    // The empty state explains keys and how programs send them.
    await eventually(() => page.getByText("No API keys yet").isVisible()).toBe(true);
    await eventually(() => page.getByText('Authorization: Basic base64("api:KEY")').isVisible()).toBe(true);
    await expectNoAxeViolations(page, "the empty API keys section");

    const other = await createApiKeyInUi(page, "notebook");
    const created = await createApiKeyInUi(page, "training cluster");
    expect(created.key.length).toBeGreaterThanOrEqual(40);
    expect(created.key).toMatch(/^[A-Za-z0-9_]+$/);

    for (const header of [bearer(created.key), basic(created.key)]) {
      const res = await viewerWith(header);
      expect(res.status).toBe(200);
      expect(res.body?.username).toBe(account.username);
    }

    // Newest first; the full key appears nowhere on the page any more.
    const rows = page.getByRole("table").getByRole("row");
    await eventually(() => rows.count()).toBe(3);
    expect(await rows.nth(1).textContent()).toContain(created.id);
    expect(await page.content()).not.toContain(created.key);
    await expectNoAxeViolations(page, "the API keys table");

    // Filter by a middle part of the ID, typed as a user types.
    const part = created.id.slice(3, 9);
    await page.getByRole("searchbox", { name: "Filter keys by name or key ID" }).pressSequentially(part, { delay: 40 });
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain(created.id);
    expect(await page.getByText(other.id).count()).toBe(0);

    // Delete it: the dialog names the key and warns that its users stop working.
    await page.getByRole("button", { name: `Actions for key “training cluster” (${created.id})` }).click();
    await page.getByRole("menuitem", { name: "Delete key" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete API key" });
    await eventually(() => confirm.textContent()).toContain(created.id);
    expect(await confirm.textContent()).toContain("stops working at once");
    await expectNoAxeViolations(page, "the delete confirmation");
    const deleted = page.waitForResponse(
      (res) => res.request().method() === "DELETE" && res.url().includes(`/api/v1/me/api-keys/${created.id}`),
    );
    await confirm.getByRole("button", { name: "Delete key" }).click();
    expect((await deleted).status()).toBe(204);
    await eventually(() => page.getByText("No matching keys").isVisible()).toBe(true);

    for (const header of [bearer(created.key), basic(created.key)]) {
      expect((await viewerWith(header)).status).toBe(401);
    }
    // The other key still works and is still listed.
    expect((await viewerWith(bearer(other.key))).status).toBe(200);
    await page.getByRole("button", { name: "Clear filter" }).click();
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain(other.id);
  });

  it("keeps a new key on screen until Done: Escape and the backdrop do nothing, Done asks unless it was copied", async () => {
    const { page, context } = suite;
    await signUp(page, newAccount());
    const shown = await showNewKey(page, "laptop");
    const field = shown.getByRole("textbox", { name: "API key “laptop”" });
    const key = await field.inputValue();
    expect(key).toMatch(/^hb_v1_[A-Za-z0-9]+_[A-Za-z0-9]+$/);

    await page.keyboard.press("Escape");
    await page.mouse.click(8, 790); // the backdrop, below the dialog
    await page.waitForTimeout(400);
    expect(await shown.isVisible()).toBe(true);
    expect(await shown.getByRole("button", { name: "Close" }).count()).toBe(0);

    // The whole key shows, wrapped, in a monospace font, at a desktop and a phone width.
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 1280 ? 800 : 844 });
      const box = await field.evaluate((el) => ({
        fits: el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1,
        font: getComputedStyle(el).fontFamily,
        wordBreak: getComputedStyle(el).wordBreak,
      }));
      expect(box).toMatchObject({ fits: true, wordBreak: "break-all" });
      expect(box.font).toMatch(/mono/i);
      await page.screenshot({ path: `/tmp/show-once-key-${width}.png` });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectNoAxeViolations(page, "the show-once key dialog");

    // Done without Copy asks first; Escape still does nothing; Go back returns to the key.
    await shown.getByRole("button", { name: "Done" }).click();
    await shown.getByText("You have not copied the key. Close anyway?").waitFor();
    await expectNoAxeViolations(page, "the not-copied confirmation");
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 1280 ? 800 : 844 });
      await page.screenshot({ path: `/tmp/show-once-key-confirm-${width}.png` });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.keyboard.press("Escape");
    expect(await shown.isVisible()).toBe(true);
    await shown.getByRole("button", { name: "Go back" }).click();
    expect(await field.inputValue()).toBe(key);

    // After Copy, Done closes at once, and the clipboard holds the whole key.
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await shown.getByRole("button", { name: "Copy key" }).click();
    await shown.getByRole("button", { name: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await shown.getByRole("button", { name: "Done" }).click();
    await eventually(() => shown.count()).toBe(0);
  });
});

/** Creates a key named `name` in the API keys section and returns its show-once dialog. */
async function showNewKey(page: Page, name: string) {
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Create new API key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create new API key" });
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("dialog", { name: "Your new API key" });
  await shown.waitFor();
  return shown;
}
