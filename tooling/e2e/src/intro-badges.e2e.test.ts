import type { Locator, Page, Response } from "playwright-core";
import { describe, expect, it } from "vitest";
import { png } from "./png";
import { eventually, expectNoAxeViolations, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * The visual intro editor keeps badges (a link around an image) and sized `<img>` exactly as
 * written: pasted in Visual mode, or written as Markdown and then edited in Visual mode, they
 * come back unchanged in the Markdown tab, are saved as written, and the public profile shows
 * a link around an image.
 */
const suite = setUpSuite();

/** The seed's badge. */
const BADGE = "[![GitHub](https://img.shields.io/badge/GitHub-100000?logo=github)](https://github.com/you)";

function isIntroSave(res: Response) {
  return res.request().method() === "PUT" && res.url().endsWith("/api/v1/me/intro");
}

async function openEditor(page: Page) {
  await page.goto("/settings/profile");
  await page.getByRole("button", { name: "Edit intro" }).click();
}

const modeSwitch = (page: Page, mode: "Visual" | "Markdown") =>
  page.locator("label", { hasText: new RegExp(`^${mode}$`) }).click();

/** Pastes `text` as plain text where the caret is, as Ctrl+V of text copied from an editor does. */
async function pastePlainText(target: Locator, text: string) {
  await target.evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Screenshots at a desktop and a phone size, with `subject` scrolled into view. */
async function shoot(page: Page, name: string, subject: Locator) {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await subject.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/intro-badges-${name}-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("badges in the visual intro editor", () => {
  it("keeps a badge pasted in Visual mode as a link around an image", async () => {
    const { page } = suite;
    await signUp(page, newAccount("paste"));
    await openEditor(page);
    const editor = page.getByRole("textbox", { name: "Intro" });
    await editor.click();
    await page.keyboard.type("My links");
    await page.keyboard.press("Enter");
    await pastePlainText(editor, BADGE);

    // Shown as the public profile will show it, inside the editor: a link around an image.
    const kept = page.locator('.bn-editor [data-content-type="markdown"]');
    await kept.locator('a[href="https://github.com/you"] > img[alt="GitHub"]').waitFor();
    // The warning follows what is in the editor now (the saved intro is empty).
    await page.getByText("Some of this intro is HTML or linked images").waitFor();
    // The caret is after the badge: typing goes on in a new paragraph.
    await page.keyboard.type("More");
    await eventually(() => editor.locator('[data-content-type="paragraph"]').allTextContents()).toEqual([
      "My links",
      "More",
    ]);
    await expectNoAxeViolations(page, "the visual intro editor with a badge");
    await shoot(page, "pasted", kept);

    await modeSwitch(page, "Markdown");
    const source = page.getByRole("textbox", { name: "Intro in Markdown" });
    expect(await source.inputValue()).toBe(`My links\n\n${BADGE}\n\nMore`);
  });

  it("keeps a badge and a sized <img> through Visual mode and typing, saves them as written, and the public page links the image", async () => {
    const { page, homebase } = suite;
    const account = newAccount("badges");
    await signUp(page, account);
    const upload = await page.request.put("/api/v1/me/avatar", {
      headers: { "Content-Type": "image/png", Origin: homebase.url },
      data: png(96),
    });
    const imageUrl = `${homebase.url}${((await upload.json()) as { avatarUrl: string }).avatarUrl}`;
    const sized = `<img src="${imageUrl}" width="48" alt="My logo">`;
    const written = `# Hello\n\nI work on _models_\nand badges.\n\n${BADGE}\n\n${sized}\n\n- one\n- two`;

    await openEditor(page);
    await modeSwitch(page, "Markdown");
    const source = page.getByRole("textbox", { name: "Intro in Markdown" });
    await source.fill(written);
    // The Markdown tab's warning follows the text being written.
    await page.getByText("Some of this intro is HTML or linked images").waitFor();

    // Markdown → Visual → Markdown, untouched: the same text.
    await modeSwitch(page, "Visual");
    const editor = page.getByRole("textbox", { name: "Intro" });
    const kept = page.locator('.bn-editor [data-content-type="markdown"]');
    await eventually(() => kept.count()).toBe(2);
    await modeSwitch(page, "Markdown");
    expect(await source.inputValue()).toBe(written);

    // Markdown → Visual, one character typed, → Markdown: only that line changes.
    await modeSwitch(page, "Visual");
    await kept.first().locator('a[href="https://github.com/you"] > img').waitFor();
    const sizedImage = kept.nth(1).getByRole("img", { name: "My logo" });
    expect(await sizedImage.getAttribute("width")).toBe("48");
    await eventually(() => sizedImage.evaluate((img) => img.getBoundingClientRect().width)).toBe(48);
    await editor.getByRole("heading", { name: "Hello" }).click();
    await page.keyboard.press("End");
    await page.keyboard.type("!");
    await expectNoAxeViolations(page, "the visual intro editor with a badge and a sized image");
    await shoot(page, "visual", kept.first());
    await modeSwitch(page, "Markdown");
    const typed = written.replace("# Hello", "# Hello!");
    expect(await source.inputValue()).toBe(typed);

    // "Edit as Markdown" on a kept block: the Markdown tab with that block's text selected.
    await modeSwitch(page, "Visual");
    await kept.nth(1).getByRole("button", { name: "Edit as Markdown" }).click();
    await eventually(() =>
      source.evaluate((el: HTMLTextAreaElement) =>
        document.activeElement === el ? el.value.slice(el.selectionStart, el.selectionEnd) : null,
      ),
    ).toBe(sized);

    const saved = page.waitForResponse(isIntroSave);
    await page.getByRole("button", { name: "Save", exact: true }).last().click();
    const response = await saved;
    expect(response.status()).toBe(200);
    expect(JSON.parse(response.request().postData() ?? "{}")).toEqual({ markdown: typed });

    await page.goto(`/u/${account.username}`);
    const intro = page.getByRole("region", { name: "Intro" });
    const badge = intro.locator('a[href="https://github.com/you"] > img[alt="GitHub"]');
    await badge.waitFor();
    expect(await badge.getAttribute("src")).toBe("https://img.shields.io/badge/GitHub-100000?logo=github");
    expect(await intro.getByRole("img", { name: "My logo" }).getAttribute("width")).toBe("48");
    await expectNoAxeViolations(page, "the public profile with badges");
  });
});
