import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * Teams as a user meets them: two teams created in the Teams section make the Default team
 * section appear; the chosen default survives a reload; hiding teams takes them off the public
 * profile (the API answer and the /u/:username page); and a service-account key read from the
 * team page's show-once dialog authenticates as the team.
 */
const suite = setUpSuite();

function teamName(prefix: string) {
  return `${prefix}-${randomBytes(3).toString("hex")}`;
}

/** Waits for the next answer to `method path` and returns its status. */
function nextResponse(p: Page, method: string, path: string) {
  return p.waitForResponse((res) => res.request().method() === method && new URL(res.url()).pathname === path);
}

async function createTeamInUi(p: Page, name: string, displayName: string) {
  await p.getByLabel("Team name", { exact: true }).fill(name);
  await p.getByLabel("Display name", { exact: true }).fill(displayName);
  const created = nextResponse(p, "POST", "/api/v1/teams");
  await p.getByRole("button", { name: "Create team" }).click();
  expect((await created).status()).toBe(201);
  await p.getByRole("list", { name: "Your teams" }).getByRole("link", { name: displayName }).waitFor();
}

/** The public profile, as anyone (no cookie) reads it. */
async function publicTeams(username: string): Promise<string[] | undefined> {
  const res = await fetch(`${suite.homebase.url}/api/v1/users/${username}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { teams?: string[] }).teams;
}

describe("teams", () => {
  it("two teams bring the Default team section; the choice survives a reload; hidden teams leave the profile", async () => {
    const { page } = suite;
    const account = newAccount("teams");
    await signUp(page, account);
    const first = teamName("alpha");
    const second = teamName("beta");

    await page.goto("/settings/teams");
    await page.getByText("You are not in a team yet").waitFor();
    const nav = page.getByRole("navigation", { name: "Settings" });
    expect(await nav.getByRole("link", { name: "Default team" }).count()).toBe(0);

    await createTeamInUi(page, first, "Alpha Team");
    await createTeamInUi(page, second, "Beta Team");
    const list = page.getByRole("list", { name: "Your teams" });
    expect(await list.getByRole("link", { name: "Beta Team" }).getAttribute("href")).toBe(`/teams/${second}`);
    await expectNoAxeViolations(page, "the Teams section");

    // The section shows up in the navigation without a reload.
    await nav.getByRole("link", { name: "Default team" }).click();
    const location = page.getByLabel("Default location to create new projects in");
    await location.waitFor();
    // The pointer still rests on the nav link it clicked; axe judges the page as it is shown at rest.
    await page.mouse.move(1, 1);
    expect(await page.getByText("WANDB_ENTITY").count()).toBe(1);
    await expectNoAxeViolations(page, "the Default team section");
    await location.selectOption(second);
    const saved = nextResponse(page, "PATCH", "/api/v1/me/settings");
    await page.getByRole("button", { name: "Save" }).click();
    expect((await saved).status()).toBe(200);

    await page.reload();
    await expect.poll(() => page.getByLabel("Default location to create new projects in").inputValue()).toBe(second);
    const viewer = await page.request.get("/api/v1/viewer");
    expect(((await viewer.json()) as { entity: string }).entity).toBe(second);

    expect((await publicTeams(account.username))?.sort()).toEqual([first, second].sort());
    await page.goto(`/u/${account.username}`);
    const teamsOnProfile = page.getByRole("region", { name: "Teams" });
    await teamsOnProfile.getByText(second, { exact: true }).waitFor();
    expect(await teamsOnProfile.getByText(first, { exact: true }).count()).toBe(1);

    await page.goto("/settings/teams");
    const hide = page.getByRole("switch", { name: "Hide teams in public profile" });
    await expect.poll(() => hide.isChecked()).toBe(false);
    const hidden = nextResponse(page, "PATCH", "/api/v1/me/settings");
    await hide.click();
    expect((await hidden).status()).toBe(200);
    await expect.poll(() => hide.isChecked()).toBe(true);
    expect(await publicTeams(account.username)).toBeUndefined();
    await page.goto(`/u/${account.username}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("region", { name: "Teams" }).count()).toBe(0);
    expect(await page.getByText(first, { exact: true }).count()).toBe(0);
    await page.goto("/settings/teams");

    await page.reload();
    await expect.poll(() => page.getByRole("switch", { name: "Hide teams in public profile" }).isChecked()).toBe(true);

    // The first account of this Homebase is its organisation admin: the header's user menu leads to /admin.
    await page.getByRole("button", { name: /^Account menu for / }).click();
    await page.getByRole("menuitem", { name: "Admin" }).click();
    await page.getByRole("switch", { name: "Allow public projects" }).waitFor();
    await page.mouse.move(1, 1);
    await expectNoAxeViolations(page, "the organisation admin page");
  });

  it("a service-account key created on the team page authenticates as the team", async () => {
    const { page, homebase } = suite;
    await signUp(page, newAccount("sa"));
    const team = teamName("gamma");
    await page.goto("/settings/teams");
    await createTeamInUi(page, team, "Gamma Team");

    await page.getByRole("list", { name: "Your teams" }).getByRole("link", { name: "Gamma Team" }).click();
    await page.getByRole("heading", { level: 1, name: "Gamma Team" }).waitFor();
    await page.getByRole("list", { name: "Members" }).waitFor();
    await expectNoAxeViolations(page, "the team page");
    await page.getByRole("tab", { name: "Service accounts" }).click();
    await page.getByText("No service accounts yet").waitFor();
    await page.getByLabel("Service account name").fill("ci-pipeline");
    await page.getByRole("button", { name: "Create service account" }).click();
    await page.getByRole("heading", { name: "ci-pipeline" }).waitFor();

    await page.getByRole("button", { name: "Actions for ci-pipeline" }).click();
    await page.getByRole("menuitem", { name: "Create API key" }).click();
    const dialog = page.getByRole("dialog", { name: "Create an API key for ci-pipeline" });
    await dialog.getByLabel("Key name").fill("nightly training");
    await dialog.getByRole("button", { name: "Create key" }).click();
    const shown = page.getByRole("dialog", { name: "Your new API key" });
    await shown.getByText("This key will not be shown again").waitFor();
    const key = await shown.getByRole("textbox", { name: "API key “nightly training”" }).inputValue();
    expect(key).toMatch(/^hb_v1_[A-Za-z0-9]{12}_[A-Za-z0-9]+$/);
    await expectNoAxeViolations(page, "the show-once key dialog");
    await shown.getByRole("button", { name: "Done" }).click();
    // Never copied: Done asks first.
    await shown.getByRole("button", { name: "Close anyway" }).click();
    await expect.poll(() => shown.count()).toBe(0);

    // Listed with its ID, never used yet, and the key itself is gone from the page.
    const keys = page.getByRole("list", { name: "API keys of ci-pipeline" });
    const id = key.split("_")[2]!;
    await keys.getByText(id).waitFor();
    expect(await keys.getByText("Never").count()).toBe(1);
    expect(await page.content()).not.toContain(key);
    await expectNoAxeViolations(page, "the Service accounts tab");

    // Not the first account: the organisation page says it is for organisation admins.
    await page.goto("/admin");
    await page.getByText("Only organisation admins can open this page.", { exact: false }).waitFor();

    const res = await fetch(`${homebase.url}/api/v1/viewer`, { headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { entity: string; teams: string[] };
    expect(body.entity).toBe(team);
    expect(body.teams).toEqual([team]);
  });
});
