import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type Account, eventually, expectNoAxeViolations, newAccount, signUp } from "./section-helpers";
import { type ReceivedMail, startSmtpReceiver } from "./smtp-receiver";
import { setUpSuite } from "./suite";

/**
 * Issue 15, item 12, as a user meets it: "example.org" in Website is saved (and shown) as
 * https://example.org and the public page links to it; the public page names teams by their
 * display names; the join list's toggle says what it does (and is not another "Hide teams");
 * saving the default team says "✓ Saved" next to its button. Axe runs on each page at
 * 1280×800 and 390×844; screenshots go to /tmp/polish-*.png.
 */
const suite = setUpSuite({
  services: { smtp: startSmtpReceiver },
  env: ({ smtp }) => ({ SMTP_URL: smtp.url }),
});

const SIZES = [
  [1280, 800],
  [390, 844],
] as const;

/** Axe, then a screenshot, at a desktop and a phone size; leaves the page at desktop size. */
async function checkAtBothSizes(page: Page, name: string, what: string) {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    // The pointer may rest on what it clicked; axe judges the page at rest.
    await page.mouse.move(1, 1);
    await expectNoAxeViolations(page, `${what} at ${width}×${height}`);
    await page.screenshot({ path: `/tmp/polish-${name}-${width}x${height}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

function suffix() {
  return randomBytes(3).toString("hex");
}

function nextResponse(p: Page, method: string, path: string) {
  return p.waitForResponse((res) => res.request().method() === method && new URL(res.url()).pathname === path);
}

/** Calls the API from the page, as the page itself does (same origin, session cookie). */
function pageFetch(p: Page, path: string, init: { method: string; json?: unknown }) {
  return p.evaluate(
    async ({ path, init }) => {
      const res = await fetch(path, {
        method: init.method,
        headers: { "Content-Type": "application/json" },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      return res.status;
    },
    { path, init },
  );
}

async function createTeamInUi(p: Page, name: string, displayName: string) {
  await p.getByLabel("Team name", { exact: true }).fill(name);
  await p.getByLabel("Display name", { exact: true }).fill(displayName);
  const created = nextResponse(p, "POST", "/api/v1/teams");
  await p.getByRole("button", { name: "Create team" }).click();
  expect((await created).status()).toBe(201);
  await p.getByRole("list", { name: "Your teams" }).getByRole("link", { name: displayName }).waitFor();
}

/** The verification link mailed to `account` at sign-up (quoted-printable soft breaks undone). */
async function verificationLink(account: Account): Promise<string> {
  const find = () =>
    suite.services.smtp.messages.filter(
      (m) => m.to.includes(account.email) && m.subject === "Verify your email address for Homebase",
    );
  await eventually(() => find().length, 20_000).toBeGreaterThan(0);
  const raw = (find()[0] as ReceivedMail).raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  const link = /https?:\/\/[^\s"<>]+\/verify-email\?token=[^\s"<>&]+/.exec(raw)?.[0];
  if (!link) throw new Error(`no verification link in:\n${raw.slice(0, 2000)}`);
  return link;
}

describe("profile polish (issue 15, item 12)", () => {
  it("adds https:// to the website, names teams by display name on the public page, and confirms the default team next to Save", async () => {
    const { page } = suite;
    const account = newAccount("polish");
    await signUp(page, account);

    // Website without a scheme: https:// is added in the field on leaving it and kept by the save.
    await page.goto("/settings/profile");
    const website = page.getByRole("textbox", { name: "Website" });
    await website.fill("example.org");
    await website.blur();
    await eventually(() => website.inputValue()).toBe("https://example.org");
    const form = page.locator("form", { has: website });
    const saved = nextResponse(page, "PATCH", "/api/v1/me");
    await form.getByRole("button", { name: "Save" }).click();
    const answer = await saved;
    expect(answer.status()).toBe(200);
    expect(((await answer.json()) as { websiteUrl: string }).websiteUrl).toBe("https://example.org");
    await form.getByRole("status").filter({ hasText: "✓ Saved" }).waitFor();
    // Typed and saved at once (Enter, no blur): the field still shows what was stored.
    await website.fill("ada.example.org/blog");
    const savedAgain = nextResponse(page, "PATCH", "/api/v1/me");
    await website.press("Enter");
    expect((await savedAgain).status()).toBe(200);
    expect(await website.inputValue()).toBe("https://ada.example.org/blog");
    // A script address is refused by name, under the field.
    await website.fill("javascript:alert(1)");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByText("Only http:// and https:// addresses can be linked, not javascript:.").waitFor();
    expect(await website.getAttribute("aria-invalid")).toBe("true");
    await website.fill("https://ada.example.org/blog");
    await eventually(() => form.getByRole("button", { name: "Save" }).isDisabled()).toBe(true);
    await checkAtBothSizes(page, "profile-form", "the profile section");

    // Two teams whose display names differ from their names.
    const lab = `lab-${suffix()}`;
    const guild = `guild-${suffix()}`;
    await page.goto("/settings/teams");
    await createTeamInUi(page, lab, "Lovelace Analytical Lab");
    await createTeamInUi(page, guild, "Difference Engine Guild");

    const publicProfile = await (await fetch(`${suite.homebase.url}/api/v1/users/${account.username}`)).json();
    expect(publicProfile).toMatchObject({
      websiteUrl: "https://ada.example.org/blog",
      teams: [guild, lab],
      teamDetails: [
        { name: guild, displayName: "Difference Engine Guild" },
        { name: lab, displayName: "Lovelace Analytical Lab" },
      ],
    });
    await page.goto(`/u/${account.username}`);
    const teams = page.getByRole("region", { name: "Teams" });
    await teams.getByText("Lovelace Analytical Lab", { exact: true }).waitFor();
    // The display name first, the name beside it (read as "Lovelace Analytical Lab (lab-…)").
    expect(await teams.getByRole("listitem").allTextContents()).toEqual([
      `Difference Engine Guild (${guild})`,
      `Lovelace Analytical Lab (${lab})`,
    ]);
    const link = page.getByRole("link", { name: "ada.example.org/blog" });
    expect(await link.getAttribute("href")).toBe("https://ada.example.org/blog");
    await checkAtBothSizes(page, "public-profile", "the public profile");

    // Default team: the result of the save is next to its button, not a toast.
    await page.goto("/settings/default-team");
    const location = page.getByLabel("Default location to create new projects in");
    await location.waitFor();
    const defaults = page.locator("form", { has: location });
    const current = await location.inputValue();
    await location.selectOption(current === lab ? guild : lab);
    await defaults.getByRole("status").filter({ hasText: "Unsaved changes" }).waitFor();
    const savedDefault = nextResponse(page, "PATCH", "/api/v1/me/settings");
    await defaults.getByRole("button", { name: "Save" }).click();
    expect((await savedDefault).status()).toBe(200);
    await defaults.getByRole("status").filter({ hasText: "✓ Saved" }).waitFor();
    expect(await page.getByText("Your defaults are saved.").count()).toBe(0);
    await checkAtBothSizes(page, "default-team", "the Default team section after saving");
  });

  it("labels the join list's toggle by what it does, with aria-expanded, apart from the Hide teams switch", async () => {
    const { page, browser, homebase } = suite;
    const domain = `polish-${suffix()}.example.com`;

    // An admin opens two teams to everyone with a verified address at the domain.
    const admin = newAccount("owner");
    await signUp(page, admin);
    await page.goto("/settings/teams");
    const names = [`optics-${suffix()}`, `relays-${suffix()}`];
    await createTeamInUi(page, names[0] as string, "Optics Working Group");
    await createTeamInUi(page, names[1] as string, "Relay Logic Circle");
    for (const name of names) {
      expect(
        await pageFetch(page, `/api/v1/teams/${name}`, { method: "PATCH", json: { allowedEmailDomain: domain } }),
      ).toBe(200);
    }

    // A colleague signs up with an address there and verifies it.
    const context = await browser.newContext({ baseURL: homebase.url, bypassCSP: true });
    context.setDefaultTimeout(15_000);
    try {
      const colleague = await context.newPage();
      const account = { ...newAccount("colleague"), email: `grace-${suffix()}@${domain}` };
      await signUp(colleague, account);
      await colleague.goto(await verificationLink(account));
      await colleague.getByRole("heading", { name: "Email address verified" }).waitFor();

      await colleague.goto("/settings/teams");
      await colleague.getByText("We found teams for you to join").waitFor();
      const toggle = colleague.getByRole("button", { name: "Show 2 teams you can join" });
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      const controlled = colleague.locator(`[id="${await toggle.getAttribute("aria-controls")}"]`);
      expect(await controlled.isHidden()).toBe(true);
      // Only the switch speaks of hiding teams.
      expect(await colleague.getByRole("button", { name: /hide teams/i }).count()).toBe(0);
      await colleague.getByRole("switch", { name: "Hide teams in public profile" }).waitFor();
      await checkAtBothSizes(colleague, "join-closed", "the Teams section with the join list closed");

      await toggle.click();
      const opened = colleague.getByRole("button", { name: "Collapse the list" });
      expect(await opened.getAttribute("aria-expanded")).toBe("true");
      const list = controlled.getByRole("list", { name: "Teams you can join" });
      await list.getByRole("button", { name: "Join Optics Working Group" }).waitFor();
      expect(await list.getByRole("listitem").count()).toBe(2);
      await checkAtBothSizes(colleague, "join-open", "the Teams section with the join list open");

      await opened.click();
      await eventually(() => controlled.isHidden()).toBe(true);
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    } catch (error) {
      // The suite screenshots only its own page; this is the colleague's.
      const open = context.pages()[0];
      if (open) await open.screenshot({ path: "/tmp/polish-failed-colleague.png", fullPage: true });
      throw error;
    } finally {
      await context.close();
    }
  });
});
