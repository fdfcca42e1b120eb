import { startFakeGithub } from "@homebase/fake-github";
import { describe, expect, it } from "vitest";
import { eventually, expectNoAxeViolations, expectPath, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * The personal GitHub integration against a local GitHub that speaks the real OAuth protocol,
 * then the Danger zone: the teams that block deletion are shown before anything is typed, a
 * wrong password is refused, and a deleted account lands on the sign-in page, where its
 * credentials no longer work.
 */
const suite = setUpSuite({
  services: { github: startFakeGithub },
  env: ({ github }) => ({
    GITHUB_CLIENT_ID: github.clientId,
    GITHUB_CLIENT_SECRET: github.clientSecret,
    GITHUB_BASE_URL: github.url,
  }),
});

/** A cookie-authenticated write from the signed-in browser context (the API wants its Origin). */
function sessionRequest(method: "POST" | "DELETE", path: string, data?: unknown) {
  return suite.context.request.fetch(path, { method, data, headers: { Origin: suite.homebase.url } });
}

describe("GitHub integration and account deletion", () => {
  it("connects and disconnects GitHub, then deletes the account and cannot sign in again", async () => {
    const { page, homebase } = suite;
    const { github } = suite.services;
    const account = newAccount();
    await signUp(page, account);

    // Connect: a plain link to the API, which redirects to GitHub's authorization page.
    await page.goto("/settings/integrations");
    await page.getByRole("link", { name: "Connect GitHub" }).click();
    await page.waitForURL((url) => url.origin === github.url && url.pathname === "/login/oauth/authorize");
    await page.getByRole("link", { name: "Authorize" }).click();
    await expectPath(page, "/settings/integrations");
    const card = page.getByRole("region", { name: "GitHub" });
    await eventually(() => card.getByText("octo-ada", { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole("status").filter({ hasText: "GitHub connected" }).textContent()).toContain(
      "octo-ada is now connected",
    );
    // The one-time outcome leaves the address bar.
    await eventually(() => new URL(page.url()).search).toBe("");
    expect(await card.textContent()).toMatch(/Connected just now/);
    expect(github.liveTokens.size).toBe(1);
    await expectNoAxeViolations(page, "Integrations with GitHub connected");

    // Disconnect, through the confirmation that names the account.
    await card.getByRole("button", { name: "Disconnect" }).click();
    const dialog = page.getByRole("dialog", { name: "Disconnect GitHub" });
    expect(await dialog.textContent()).toContain("octo-ada");
    await dialog.getByRole("button", { name: "Disconnect GitHub" }).click();
    await eventually(() => card.getByRole("link", { name: "Connect GitHub" }).isVisible()).toBe(true);
    expect(await card.getByText("octo-ada").count()).toBe(0);
    expect(github.revoked).toHaveLength(1);
    expect(github.liveTokens.size).toBe(0);

    // A team with another member, of which the user is the last admin, blocks deletion: shown up front.
    const team = `team-${account.username.slice(4)}`;
    const other = newAccount("mate");
    const signedUp = await fetch(`${homebase.url}/api/v1/auth/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: homebase.url },
      body: JSON.stringify(other),
    });
    expect(signedUp.status).toBe(201);
    expect((await sessionRequest("POST", "/api/v1/teams", { name: team, displayName: "Blocking team" })).status()).toBe(
      201,
    );
    expect(
      (
        await sessionRequest("POST", `/api/v1/teams/${team}/members`, { username: other.username, role: "member" })
      ).status(),
    ).toBe(201);

    await page.goto("/settings/account");
    const teamLink = page.getByRole("link", { name: `Blocking team (${team})` });
    await eventually(() => teamLink.isVisible()).toBe(true);
    expect(await teamLink.getAttribute("href")).toBe(`/teams/${team}`);
    expect(await page.getByRole("button", { name: "Delete account" }).isDisabled()).toBe(true);
    await expectNoAxeViolations(page, "Delete account with a blocking team");

    // Hand over: remove the other member; coming back, nothing blocks any more.
    expect((await sessionRequest("DELETE", `/api/v1/teams/${team}/members/${other.username}`)).status()).toBe(204);
    await page.reload();
    const open = page.getByRole("button", { name: "Delete account" });
    await eventually(() => open.isEnabled()).toBe(true);
    expect(await teamLink.count()).toBe(0);
    for (const item of ["profile", "API keys", "runs", "stored under your personal account", "GitHub and Slack"]) {
      expect(await page.getByRole("region", { name: "Delete your account" }).textContent()).toContain(item);
    }

    await open.click();
    const confirm = page.getByRole("dialog", { name: "Delete account" });
    const submit = confirm.getByRole("button", { name: "Delete my account" });
    expect(await confirm.textContent()).toContain("cannot be undone");
    expect(await submit.isDisabled()).toBe(true);
    await confirm.getByRole("textbox", { name: /Type your username/ }).fill(account.username.slice(0, -1));
    expect(await submit.isDisabled()).toBe(true);
    await confirm.getByRole("textbox", { name: /Type your username/ }).fill(account.username);
    expect(await submit.isEnabled()).toBe(true);
    await expectNoAxeViolations(page, "the delete account dialog");

    // A wrong password is refused, and the user stays signed in, on the same dialog.
    await confirm.getByLabel("Your password").fill("not my password");
    const refused = page.waitForResponse(
      (res) => res.request().method() === "DELETE" && res.url().endsWith("/api/v1/me"),
    );
    await submit.click();
    expect((await refused).status()).toBe(401);
    await eventually(() => confirm.getByText("The password is not correct.").isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/settings/account");

    await confirm.getByLabel("Your password").fill(account.password);
    const deleted = page.waitForResponse(
      (res) => res.request().method() === "DELETE" && res.url().endsWith("/api/v1/me"),
    );
    await submit.click();
    expect((await deleted).status()).toBe(202);
    await expectPath(page, "/login");

    // Signing in with the old credentials fails.
    await page.getByLabel("Username or email", { exact: true }).fill(account.username);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    const login = page.waitForResponse((res) => res.url().endsWith("/api/v1/auth/login"));
    await page.getByRole("button", { name: "Sign in" }).click();
    expect((await login).status()).toBe(401);
    await eventually(() => page.getByRole("alert").filter({ hasText: "Could not sign in" }).isVisible()).toBe(true);
    await page.goto("/settings");
    await expectPath(page, "/login");
  });
});
