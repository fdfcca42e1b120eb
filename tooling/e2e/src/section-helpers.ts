import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

/** Shared steps of the section specs (API keys, alerts, storage, account). */

export interface Account {
  username: string;
  email: string;
  password: string;
}

export function newAccount(prefix = "e2e"): Account {
  const id = randomBytes(4).toString("hex");
  return { username: `${prefix}-${id}`, email: `${prefix}-${id}@example.com`, password: `correct horse ${id}` };
}

/** `expect.poll` with a timeout for a real browser and server (vitest's default is 1 s). */
export function eventually<T>(fn: () => T | Promise<T>, timeout = 15_000) {
  return expect.poll(fn, { timeout, interval: 100 });
}

/** Asserts the browser is at `path` (or below it), ignoring query and hash. */
export async function expectPath(page: Page, path: string) {
  await page.waitForURL((url) => url.pathname === path || url.pathname.startsWith(`${path}/`));
  expect(new URL(page.url()).pathname.startsWith(path)).toBe(true);
}

/** Signs up through the form and waits for /settings. */
export async function signUp(page: Page, account: Account) {
  await page.goto("/signup");
  await page.getByLabel("Username", { exact: true }).fill(account.username);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expectPath(page, "/settings");
}

/**
 * Closes a show-once key dialog through Done; a key never copied makes Done ask first, and
 * this answers "Close anyway" (the caller has read the key from the field).
 */
export async function closeShownKey(shown: Locator) {
  await shown.getByRole("button", { name: "Done" }).click();
  const anyway = shown.getByRole("button", { name: "Close anyway" });
  await eventually(async () => (await shown.count()) === 0 || (await anyway.count()) > 0).toBe(true);
  if ((await anyway.count()) > 0) await anyway.click();
  await eventually(() => shown.count()).toBe(0);
}

/** Creates a key in the API keys section and returns it as read from the show-once dialog. */
export async function createApiKeyInUi(page: Page, name: string): Promise<{ key: string; id: string }> {
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Create new API key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create new API key" });
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("dialog", { name: "Your new API key" });
  const key = await shown.getByRole("textbox", { name: `API key “${name}”` }).inputValue();
  await closeShownKey(shown);
  const id = /^hb_v1_([A-Za-z0-9]+)_/.exec(key)?.[1];
  if (!id) throw new Error(`the dialog showed no key in the hb_v1_ format: ${key}`);
  return { key, id };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core on the page and fails with the list of violations, if any. The browser context
 * must be created with `bypassCSP: true` (the app's CSP forbids the injected script).
 */
export async function expectNoAxeViolations(page: Page, what: string) {
  // A dialog still fading in has text at partial opacity, which axe reports as low contrast:
  // measure what the user sees once the transitions have finished.
  // (Endless animations such as a spinner are left out.)
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== "running" || a.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY),
  );
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document);
    return (result.violations as { id: string; help: string; nodes: { target: string[] }[] }[]).map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    );
  });
  expect(violations, `axe violations on ${what}`).toEqual([]);
}
