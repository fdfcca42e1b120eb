import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type Account, eventually, expectNoAxeViolations, expectPath, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * What team admins and organisation admins do to teams, as GitHub and GitLab let them: change a
 * member's role from the member row (with the keyboard; demoting yourself asks first, and the
 * last admin is kept), rename and delete a service account (its key dies at once), delete an
 * account whose one-person team goes with it (the name is free again), and delete a team from
 * the organisation admin page after typing its name.
 */
const suite = setUpSuite();

/** Set E2E_SHOTS=<dir> to keep desktop and phone screenshots of the pages this spec changes. */
const shotsDir = process.env.E2E_SHOTS;

async function shot(page: Page, name: string) {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.mouse.move(1, 1);
  await page.screenshot({ path: `${shotsDir}/${name}.png` });
}

/** Desktop (1280×800) and phone (390×844) screenshots, back to desktop afterwards. */
async function shots(page: Page, name: string) {
  if (!shotsDir) return;
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

function teamName(prefix: string) {
  return `${prefix}-${randomBytes(3).toString("hex")}`;
}

function nextResponse(p: Page, method: string, path: string) {
  return p.waitForResponse((res) => res.request().method() === method && new URL(res.url()).pathname === path);
}

/** A JSON request with the page's session cookie, as the app's own origin. */
async function sessionRequest(method: "POST" | "DELETE" | "PATCH", path: string, data?: unknown) {
  return suite.context.request.fetch(path, { method, data, headers: { Origin: suite.homebase.url } });
}

/** Signs up without the browser; returns the session cookie. */
async function signUpByApi(account: Account): Promise<string> {
  const res = await fetch(`${suite.homebase.url}/api/v1/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: suite.homebase.url },
    body: JSON.stringify(account),
  });
  expect(res.status).toBe(201);
  return /hb_session=[^;]*/.exec(res.headers.get("set-cookie") ?? "")?.[0] ?? "";
}

async function signIn(page: Page, account: Account) {
  await page.goto("/login");
  await page.getByLabel("Username or email", { exact: true }).fill(account.username);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectPath(page, "/settings");
}

/** The first account of this Homebase: its organisation admin. */
let orgAdmin: Account | undefined;

describe("team administration", () => {
  it("a team admin changes roles from the member row, with the keyboard; demoting yourself asks first", async () => {
    const { page } = suite;
    const ada = newAccount("ada");
    orgAdmin = ada;
    await page.setViewportSize({ width: 1280, height: 800 });
    await signUp(page, ada);
    const bob = newAccount("bob");
    await signUpByApi(bob);
    const team = teamName("roles");
    expect((await sessionRequest("POST", "/api/v1/teams", { name: team, displayName: "Roles Lab" })).status()).toBe(
      201,
    );
    expect(
      (
        await sessionRequest("POST", `/api/v1/teams/${team}/members`, { username: bob.username, role: "member" })
      ).status(),
    ).toBe(201);

    await page.goto(`/teams/${team}`);
    const members = page.getByRole("list", { name: "Members" });
    await members.waitFor();

    // Alone as admin, Ada cannot step down: the dialog says why and nothing changes.
    await page.getByRole("button", { name: `Role of ${ada.username}: Admin. Change role` }).click();
    await page.getByRole("menuitem", { name: /^Member/ }).click();
    const confirm = page.getByRole("dialog", { name: "Stop being an admin?" });
    await confirm.waitFor();
    await expectNoAxeViolations(page, "the demote-yourself confirmation");
    const refused = nextResponse(page, "PATCH", `/api/v1/teams/${team}/members/${ada.username}`);
    await confirm.getByRole("button", { name: "Make me a member" }).click();
    expect((await refused).status()).toBe(409);
    await confirm.getByRole("alert").filter({ hasText: "A team needs at least one admin" }).waitFor();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await eventually(() => confirm.count()).toBe(0);

    // Bob becomes an admin with the keyboard only: focus the role button, open, move, choose.
    const bobRole = page.getByRole("button", { name: `Role of ${bob.username}: Member. Change role` });
    await bobRole.focus();
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu");
    await menu.waitFor();
    await shots(page, "team-role-menu");
    const promoted = nextResponse(page, "PATCH", `/api/v1/teams/${team}/members/${bob.username}`);
    // Arrow keys move through the items; Enter picks the focused one.
    const adminItem = page.getByRole("menuitem", { name: /^Admin/ });
    for (let i = 0; i < 3 && !(await adminItem.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("ArrowDown");
    }
    expect(await adminItem.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    expect((await promoted).status()).toBe(200);
    await page.getByRole("button", { name: `Role of ${bob.username}: Admin. Change role` }).waitFor();
    await page.mouse.move(1, 1);
    await expectNoAxeViolations(page, "the team page with role menus");

    // Now Ada may step down, after confirming.
    await page.getByRole("button", { name: `Role of ${ada.username}: Admin. Change role` }).click();
    await page.getByRole("menuitem", { name: /^Member/ }).click();
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain("Roles Lab");
    await shots(page, "team-demote-self");
    const demoted = nextResponse(page, "PATCH", `/api/v1/teams/${team}/members/${ada.username}`);
    await confirm.getByRole("button", { name: "Make me a member" }).click();
    expect((await demoted).status()).toBe(200);
    await page.getByText(`Team ${team} · you are a member`).waitFor();
    expect(await page.getByRole("button", { name: /Change role/ }).count()).toBe(0);
    expect(await page.getByRole("tab", { name: "Service accounts" }).count()).toBe(0);
    await expectNoAxeViolations(page, "the team page as a member");
  });

  it("renames a service account and deletes it; its key stops working at once", async () => {
    const { page, homebase } = suite;
    await page.setViewportSize({ width: 1280, height: 800 });
    await signUp(page, newAccount("sa"));
    const team = teamName("bots");
    expect((await sessionRequest("POST", "/api/v1/teams", { name: team })).status()).toBe(201);
    const sa = (await (
      await sessionRequest("POST", `/api/v1/teams/${team}/service-accounts`, { name: "ci-bot" })
    ).json()) as { id: string };
    const { key } = (await (
      await sessionRequest("POST", `/api/v1/teams/${team}/service-accounts/${sa.id}/api-keys`, { name: "prod" })
    ).json()) as { key: string };
    const viewer = () => fetch(`${homebase.url}/api/v1/viewer`, { headers: { Authorization: `Bearer ${key}` } });
    expect((await viewer()).status).toBe(200);

    await page.goto(`/teams/${team}?tab=service-accounts`);
    await page.getByRole("heading", { name: "ci-bot" }).waitFor();
    await page.getByRole("button", { name: "Actions for ci-bot" }).click();
    await shots(page, "sa-menu");
    await page.getByRole("menuitem", { name: "Rename" }).click();
    const rename = page.getByRole("dialog", { name: "Rename ci-bot" });
    const field = rename.getByRole("textbox", { name: "Service account name" });
    expect(await field.inputValue()).toBe("ci-bot");
    await field.fill("   ");
    await field.press("Enter");
    await rename.getByText("Give the service account a name.").waitFor();
    await expectNoAxeViolations(page, "the rename dialog with an error");
    await field.fill("nightly training");
    const renamed = nextResponse(page, "PATCH", `/api/v1/teams/${team}/service-accounts/${sa.id}`);
    await field.press("Enter");
    expect((await renamed).status()).toBe(200);
    await page.getByRole("heading", { name: "nightly training" }).waitFor();
    expect((await viewer()).status).toBe(200);

    await page.getByRole("button", { name: "Actions for nightly training" }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    const del = page.getByRole("dialog", { name: "Delete nightly training?" });
    await del.waitFor();
    expect(await del.textContent()).toContain("Its 1 API key stops working at once");
    await expectNoAxeViolations(page, "the delete service account dialog");
    await shots(page, "sa-delete");
    const deleted = nextResponse(page, "DELETE", `/api/v1/teams/${team}/service-accounts/${sa.id}`);
    await del.getByRole("button", { name: "Delete account and 1 key" }).click();
    expect((await deleted).status()).toBe(204);
    await page.getByText("No service accounts yet").waitFor();
    expect((await viewer()).status).toBe(401);
  });

  it("deleting an account takes its one-person team; an organisation admin deletes a team by typing its name", async () => {
    const { page, homebase } = suite;
    await page.setViewportSize({ width: 1280, height: 800 });
    const cyd = newAccount("cyd");
    await signUp(page, cyd);
    const solo = teamName("solo");
    expect((await sessionRequest("POST", "/api/v1/teams", { name: solo, displayName: "Solo Lab" })).status()).toBe(201);

    await page.goto("/settings/account");
    const open = page.getByRole("button", { name: "Delete account" });
    await eventually(() => open.isEnabled()).toBe(true);
    await open.click();
    const dialog = page.getByRole("dialog", { name: "Delete account" });
    await dialog.getByText("This team will be deleted with your account:").waitFor();
    expect(await dialog.getByRole("list", { name: "Teams deleted with your account" }).textContent()).toContain(
      `Solo Lab (${solo})`,
    );
    await dialog.getByRole("textbox", { name: /Type your username/ }).fill(cyd.username);
    await dialog.getByLabel("Your password").fill(cyd.password);
    await expectNoAxeViolations(page, "the delete account dialog with a team to delete");
    await shots(page, "account-delete-teams");
    const gone = nextResponse(page, "DELETE", "/api/v1/me");
    await dialog.getByRole("button", { name: "Delete my account" }).click();
    expect((await gone).status()).toBe(202);
    await expectPath(page, "/login");

    // The name is free again at once: someone else takes it.
    const eve = newAccount("eve");
    const cookie = await signUpByApi(eve);
    const taken = await fetch(`${homebase.url}/api/v1/teams`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: homebase.url, cookie },
      body: JSON.stringify({ name: solo, displayName: "Eve's Solo" }),
    });
    expect(taken.status).toBe(201);

    // The organisation admin sees every team and deletes Eve's.
    if (!orgAdmin) throw new Error("the first test signs up the organisation admin");
    await signIn(page, orgAdmin);
    await page.goto("/admin");
    const teams = page.getByRole("list", { name: "Teams" });
    await teams.getByText(`${solo} · 1 member · 0 B used`).waitFor();
    await page.mouse.move(1, 1);
    await expectNoAxeViolations(page, "the admin page with its teams");
    await page.getByRole("heading", { name: "Teams" }).scrollIntoViewIfNeeded();
    await shots(page, "admin-teams");
    await page.getByRole("button", { name: `Delete team ${solo}` }).click();
    const confirm = page.getByRole("dialog", { name: `Delete the team ${solo}?` });
    const submit = confirm.getByRole("button", { name: "Delete team" });
    expect(await confirm.textContent()).toContain("1 member loses access");
    expect(await submit.isDisabled()).toBe(true);
    await confirm.getByRole("textbox", { name: /Type the team name/ }).fill(solo.slice(0, -1));
    expect(await submit.isDisabled()).toBe(true);
    await confirm.getByRole("textbox", { name: /Type the team name/ }).fill(solo);
    await expectNoAxeViolations(page, "the delete team dialog");
    await shots(page, "admin-delete-team");
    const deleted = nextResponse(page, "DELETE", `/api/v1/admin/teams/${solo}`);
    await confirm.getByRole("textbox", { name: /Type the team name/ }).press("Enter");
    expect((await deleted).status()).toBe(204);
    await eventually(() => teams.getByText(solo, { exact: false }).count()).toBe(0);
    const eveTeam = await fetch(`${homebase.url}/api/v1/teams/${solo}`, { headers: { Origin: homebase.url, cookie } });
    expect(eveTeam.status).toBe(404);
  });
});
