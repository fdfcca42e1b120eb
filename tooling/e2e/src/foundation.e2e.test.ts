import { describe, expect, it } from "vitest";
import { expectPath, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * The foundation, as a user meets it: `npm start` on an empty DATA_DIR, then a real
 * Chromium signs up, flips a beta feature, logs out and is sent back to login.
 */
// No axe here: the pages run under the app's real CSP.
const suite = setUpSuite({ context: { bypassCSP: false } });

describe("foundation", () => {
  it("signs up, lands on /settings, and a beta feature switched on stays on after a reload", async () => {
    const { page } = suite;
    await signUp(page, newAccount());

    await page.goto("/settings/beta-features");
    const comparer = page.getByRole("switch", { name: "Run comparer v2" });
    await expect.poll(() => comparer.isChecked()).toBe(false);
    // The switch saves at once: wait for the server to have accepted it before reloading.
    const saved = page.waitForResponse(
      (res) => res.request().method() === "PUT" && res.url().includes("/api/v1/me/beta-features/"),
    );
    await comparer.click();
    expect((await saved).ok()).toBe(true);
    await expect.poll(() => comparer.isChecked()).toBe(true);

    await page.reload();
    await expect.poll(() => page.getByRole("switch", { name: "Run comparer v2" }).isChecked()).toBe(true);
  });

  it("logs out, after which /settings sends the browser to login, and signing in brings it back", async () => {
    const { page } = suite;
    const account = newAccount();
    await signUp(page, account);

    const loggedOut = page.waitForResponse((res) => res.url().endsWith("/api/v1/auth/logout"));
    await page.getByRole("button", { name: /^Account menu for / }).click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    expect((await loggedOut).status()).toBe(204);

    await page.goto("/settings");
    await expectPath(page, "/login");

    await page.getByLabel("Username or email", { exact: true }).fill(account.username);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectPath(page, "/settings");
  });
});
