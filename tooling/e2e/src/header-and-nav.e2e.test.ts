import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { png } from "./png";
import { type Account, eventually, expectNoAxeViolations, expectPath, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * The header's user menu (avatar or initials; Your profile, Settings, Admin for organisation
 * admins, Log out), operated with the keyboard and at phone width; the team page's place in the
 * navigation; sign-in after the account was deleted; and "Discard changes?" for the Email card.
 * One Homebase for the file: its first account is the organisation admin.
 */
const suite = setUpSuite();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const menuButton = (page: Page) => page.getByRole("button", { name: /^Account menu for / });
const navLink = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name, exact: true });

/** Screenshots at a desktop and a phone size into /tmp, for a look before the work is done. */
async function shoot(page: Page, name: string, subject?: Locator) {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await subject?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/header-${name}-${size.width}x${size.height}.png` });
  }
  await page.setViewportSize(DESKTOP);
}

/** axe at desktop and at phone width. */
async function axeBothWidths(page: Page, what: string) {
  await page.setViewportSize(DESKTOP);
  await expectNoAxeViolations(page, `${what} (desktop)`);
  await page.setViewportSize(PHONE);
  await expectNoAxeViolations(page, `${what} (phone)`);
  await page.setViewportSize(DESKTOP);
}

/** Tabs from the top of the page (its first stop, "Skip to content") until the user menu's button has focus. */
async function tabToMenuButton(page: Page) {
  await page.getByRole("link", { name: "Skip to content" }).focus();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    const label = await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
    if (label.startsWith("Account menu for ")) return;
  }
  throw new Error("Tab never reached the user menu's button");
}

/** The name of the focused menu item. */
const focusedItem = (page: Page) =>
  page.evaluate(() =>
    document.activeElement?.getAttribute("role") === "menuitem" ? document.activeElement.textContent : null,
  );

/** Opens the menu with the keyboard (Tab, Enter) and moves with ArrowDown to `name`. */
async function focusWithKeyboard(page: Page, name: string) {
  await tabToMenuButton(page);
  await page.keyboard.press("Enter");
  await page.getByRole("menu").waitFor();
  expect(await menuButton(page).getAttribute("aria-expanded")).toBe("true");
  for (let i = 0; i < 6 && (await focusedItem(page)) !== name; i++) await page.keyboard.press("ArrowDown");
  expect(await focusedItem(page)).toBe(name);
}

/** The same, then Enter. */
async function chooseWithKeyboard(page: Page, name: string) {
  await focusWithKeyboard(page, name);
  await page.keyboard.press("Enter");
}

describe("header and navigation", () => {
  // Runs first: this account is the organisation admin.
  it("opens the avatar menu with the keyboard: Admin, Settings, Your profile and Log out", async () => {
    const { page, homebase } = suite;
    const admin: Account = newAccount("head");
    await signUp(page, admin);
    await page.goto("/settings/profile");

    // No picture yet: the initials on a coloured circle.
    const avatar = page.getByTestId("user-avatar");
    await eventually(() => avatar.locator("[data-initials]").getAttribute("data-initials")).toBe("HE");
    // Drawn on screen (by CSS), white on a dark circle.
    expect(await avatar.locator("[data-initials]").evaluate((el) => getComputedStyle(el, "::before").content)).toBe(
      '"HE"',
    );
    expect(await avatar.locator("img").count()).toBe(0);
    const button = menuButton(page);
    expect(await button.getAttribute("aria-haspopup")).toBe("menu");
    expect(await button.getAttribute("aria-label")).toBe(`Account menu for ${admin.username}`);

    await tabToMenuButton(page);
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu");
    await menu.waitFor();
    expect(await menu.getByRole("menuitem").allTextContents()).toEqual([
      "Your profile",
      "Settings",
      "Admin",
      "Log out",
    ]);
    await expectNoAxeViolations(page, "the open user menu");
    await shoot(page, "menu-open-admin");
    await page.keyboard.press("Escape");
    await eventually(() => menu.count()).toBe(0);
    expect(await button.getAttribute("aria-expanded")).toBe("false");

    // Admin → the organisation page, in the same layout with the same header.
    await chooseWithKeyboard(page, "Admin");
    await expectPath(page, "/admin");
    await page.getByRole("switch", { name: "Allow public projects" }).waitFor();
    expect(await menuButton(page).count()).toBe(1);
    await page.mouse.move(1, 1);
    await axeBothWidths(page, "the admin page");

    // Settings → back in the settings.
    await chooseWithKeyboard(page, "Settings");
    await expectPath(page, "/settings");

    // An uploaded picture replaces the initials.
    const upload = await page.request.put("/api/v1/me/avatar", {
      headers: { "Content-Type": "image/png", Origin: homebase.url },
      data: png(64, 64),
    });
    expect(upload.status()).toBe(200);
    const { avatarUrl } = (await upload.json()) as { avatarUrl: string };
    await page.reload();
    await eventually(() => avatar.locator("img").getAttribute("src")).toBe(avatarUrl);
    await eventually(() => avatar.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(
      0,
    );
    await shoot(page, "avatar-picture");

    // Your profile → the public profile page.
    await chooseWithKeyboard(page, "Your profile");
    await expectPath(page, `/u/${admin.username}`);
    await page.getByRole("heading", { level: 1 }).waitFor();

    // Log out, from the keyboard too.
    await page.goto("/settings/profile");
    await focusWithKeyboard(page, "Log out");
    const loggedOut = page.waitForResponse((res) => res.url().endsWith("/api/v1/auth/logout"));
    await page.keyboard.press("Enter");
    expect((await loggedOut).status()).toBe(204);
    await expectPath(page, "/login");
  });

  it("has no Admin item for a second user, and works at phone width", async () => {
    const { page } = suite;
    const user = newAccount("second");
    await signUp(page, user);
    await page.setViewportSize(PHONE);
    await page.goto("/settings/profile");
    await menuButton(page).click();
    const menu = page.getByRole("menu");
    await menu.waitFor();
    expect(await menu.getByRole("menuitem").allTextContents()).toEqual(["Your profile", "Settings", "Log out"]);
    expect(await menu.getByText(user.username, { exact: true }).isVisible()).toBe(true);
    // The whole menu is on screen.
    const box = await menu.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    await expectNoAxeViolations(page, "the user menu on a phone");
    await page.screenshot({ path: "/tmp/header-menu-open-member-390x844.png" });
    await page.keyboard.press("Escape");
    // The settings drawer still opens beside it.
    await page.getByRole("button", { name: "Open settings menu" }).click();
    await page.getByRole("dialog").getByRole("link", { name: "Teams" }).waitFor();
    await page.setViewportSize(DESKTOP);
  });

  it("highlights Teams on a team's page, whose breadcrumb leads back to Teams", async () => {
    const { page, homebase } = suite;
    await signUp(page, newAccount("crumb"));
    const name = `crumb-team-${Date.now().toString(36)}`;
    const created = await page.request.post("/api/v1/teams", {
      headers: { Origin: homebase.url },
      data: { name, displayName: "Crumb Research" },
    });
    expect(created.status()).toBe(201);
    await page.goto(`/teams/${name}`);
    await page.getByRole("heading", { level: 1, name: "Crumb Research" }).waitFor();

    const teams = navLink(page, "Teams");
    expect(await teams.getAttribute("data-active")).not.toBeNull();
    expect(await navLink(page, "Profile").getAttribute("data-active")).toBeNull();
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    expect(await crumbs.getByRole("listitem").allTextContents()).toEqual(["Settings›", "Teams›", "Crumb Research"]);
    await page.mouse.move(1, 1);
    await axeBothWidths(page, "the team page");
    await shoot(page, "team-page");
    // On a phone, the drawer highlights Teams too.
    await page.setViewportSize(PHONE);
    await page.getByRole("button", { name: "Open settings menu" }).click();
    const drawerTeams = page.getByRole("dialog").getByRole("link", { name: "Teams", exact: true });
    expect(await drawerTeams.getAttribute("data-active")).not.toBeNull();
    await page.screenshot({ path: "/tmp/header-team-drawer-390x844.png" });
    await page.keyboard.press("Escape");
    await page.setViewportSize(DESKTOP);

    await crumbs.getByRole("link", { name: "Teams" }).click();
    await expectPath(page, "/settings/teams");
    await page.getByRole("list", { name: "Your teams" }).getByRole("link", { name: "Crumb Research" }).waitFor();
  });

  it("asks 'Discard changes?' when the Email card was edited and another section is clicked", async () => {
    const { page } = suite;
    await signUp(page, newAccount("dirty"));
    await page.goto("/settings/account");
    const card = page.getByRole("form", { name: "Email address" });
    await card.getByLabel("New email address").fill("elsewhere@example.com");
    await card.getByText("Unsaved changes").waitFor();
    await navLink(page, "Profile").click();
    const ask = page.getByRole("dialog", { name: "Discard changes?" });
    await ask.getByRole("button", { name: "Keep editing" }).waitFor();
    await axeBothWidths(page, "Discard changes? over the Account section");
    await ask.getByRole("button", { name: "Keep editing" }).click();
    await eventually(() => ask.count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe("/settings/account");
    expect(await card.getByLabel("New email address").inputValue()).toBe("elsewhere@example.com");
    await shoot(page, "email-unsaved", card);

    await navLink(page, "Profile").click();
    await ask.getByRole("button", { name: "Discard" }).click();
    await expectPath(page, "/settings/profile");
  });

  it("says on the sign-in page that the account was deleted, once", async () => {
    const { page } = suite;
    const account = newAccount("gone");
    await signUp(page, account);
    await page.goto("/settings/account");
    await page.getByRole("button", { name: "Delete account" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete account" });
    await confirm.getByLabel(/Type your username/).fill(account.username);
    await confirm.getByLabel("Your password").fill(account.password);
    const deleted = page.waitForResponse(
      (res) => res.request().method() === "DELETE" && res.url().endsWith("/api/v1/me"),
    );
    await confirm.getByRole("button", { name: "Delete my account" }).click();
    expect((await deleted).status()).toBe(202);
    await expectPath(page, "/login");
    expect(new URL(page.url()).search).toBe("?notice=account-deleted");
    const notice = page.getByRole("status").filter({ hasText: "Your account was deleted" });
    await notice.waitFor();
    expect(await notice.textContent()).toContain("A confirmation email is on its way.");
    await axeBothWidths(page, "sign-in after deleting the account");
    await shoot(page, "login-deleted");

    // Said once: a reload, or the same address opened elsewhere, says nothing.
    await page.reload();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await page.getByText("Your account was deleted").count()).toBe(0);
    const other = await suite.context.newPage();
    await other.goto("/login?notice=account-deleted");
    await other.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await other.getByText("Your account was deleted").count()).toBe(0);
  });
});
