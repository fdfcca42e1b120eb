import type { Dialog, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { eventually, expectNoAxeViolations, expectPath, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * Unsaved changes never vanish: with a dirty form, a link in the settings asks "Discard changes?",
 * a reload gets the browser's beforeunload prompt, and the intro's draft survives the reload.
 */
const suite = setUpSuite();

const navLink = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name });

/** Screenshots at a desktop and a phone size, with `subject` (if any) scrolled into view. */
async function shoot(page: Page, name: string, subject?: Locator) {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await subject?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/unsaved-${name}-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("unsaved changes", () => {
  it("asks before leaving an edited intro, prompts on reload, and restores the draft afterwards", async () => {
    const { page } = suite;
    await signUp(page, newAccount("draft"));
    await page.goto("/settings/profile");
    await page.getByRole("button", { name: "Edit intro" }).click();
    const editor = page.getByRole("textbox", { name: "Intro" });
    await editor.click();
    await page.keyboard.type("Notes from a draft");
    await eventually(() => editor.textContent()).toContain("Notes from a draft");

    // A link elsewhere in the settings: the dialog, and Keep editing keeps the text.
    await navLink(page, "API keys").click();
    const ask = page.getByRole("dialog", { name: "Discard changes?" });
    await ask.getByRole("button", { name: "Keep editing" }).waitFor();
    await expectNoAxeViolations(page, "the Discard changes? dialog");
    await shoot(page, "discard-dialog");
    await ask.getByRole("button", { name: "Keep editing" }).click();
    await eventually(() => ask.count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe("/settings/profile");
    expect(await editor.textContent()).toContain("Notes from a draft");

    // A reload: the browser's own prompt; going ahead anyway keeps the draft in this browser.
    const prompts: string[] = [];
    const onDialog = (dialog: Dialog) => {
      prompts.push(dialog.type());
      void dialog.accept();
    };
    page.on("dialog", onDialog);
    await page.reload();
    expect(prompts).toEqual(["beforeunload"]);
    page.off("dialog", onDialog);

    const notice = page.getByText("Restored your unsaved draft");
    await notice.waitFor();
    await eventually(() => page.getByRole("textbox", { name: "Intro" }).textContent()).toContain("Notes from a draft");
    await expectNoAxeViolations(page, "the restored draft");
    await shoot(page, "restored-draft", notice);

    // Discard draft: back to the saved (empty) intro, and nothing asks any more.
    await page.getByRole("button", { name: "Discard draft" }).click();
    await eventually(() => notice.count()).toBe(0);
    await eventually(() => page.getByRole("textbox", { name: "Intro" }).textContent()).not.toContain("Notes");
    await navLink(page, "API keys").click();
    await expectPath(page, "/settings/api-keys");
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("intro-draft")))).toEqual([]);
  });

  it("asks before leaving an edited profile field; Discard goes on", async () => {
    const { page } = suite;
    await signUp(page, newAccount("fields"));
    await page.goto("/settings/profile");
    await page.getByRole("textbox", { name: "Institution" }).fill("Analytical Engines");
    await navLink(page, "API keys").click();
    const ask = page.getByRole("dialog", { name: "Discard changes?" });
    await ask.getByRole("button", { name: "Discard" }).click();
    await expectPath(page, "/settings/api-keys");
    // Nothing is dirty any more: a reload does not ask.
    const prompts: string[] = [];
    page.on("dialog", (dialog) => {
      prompts.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    await page.getByRole("button", { name: "Create new API key" }).first().waitFor();
    expect(prompts).toEqual([]);
  });
});
