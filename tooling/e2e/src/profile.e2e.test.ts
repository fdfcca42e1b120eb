import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page, Response } from "playwright-core";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./harness";
import { png } from "./png";
import { type Account, expectNoAxeViolations, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * The profile section, the intro editor and the public profile page, as a user meets them:
 * BlockNote driven with the keyboard and the mouse (slash menu, drag handle, its menu),
 * an avatar chosen through the file picker, the XSS corpus rendered in a real Chromium.
 */
const XSS_VECTORS: string[] = JSON.parse(
  readFileSync(join(REPO_ROOT, "packages/core/src/fixtures/xss-vectors.json"), "utf8"),
);
const BADGE =
  "[![X: @weights_biases](https://img.shields.io/twitter/follow/weights_biases?style=social)](https://x.com/intent/follow?screen_name=weights_biases)";
/** A string only BlockNote's code contains (a class name it sets on every block). */
const EDITOR_MARKER = "bn-block-outer";

// bypassCSP: axe is injected as a script; and the XSS test must prove the sanitizer alone is enough.
const suite = setUpSuite({ context: { bypassCSP: true } });

/** The editor's blocks as "type:text", top to bottom. */
function blocks(p: Page) {
  return p
    .locator(".bn-editor .bn-block-content")
    .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-content-type")}:${e.textContent}`));
}

/** Hovers a block so that BlockNote shows its side menu, and returns the drag handle. */
async function dragHandleOf(p: Page, text: string) {
  await p.locator(".bn-editor .bn-block-content", { hasText: text }).hover();
  const handle = p.getByRole("button", { name: "Open block menu" });
  await handle.waitFor();
  return handle;
}

function isIntroSave(res: Response) {
  return res.request().method() === "PUT" && res.url().endsWith("/api/v1/me/intro");
}

/** Calls the API from the page, as the page itself does: same origin, session cookie, Origin header. */
function pageFetch(p: Page, path: string, init: { method: string; json?: unknown }) {
  return p.evaluate(
    async ({ path, init }) => {
      const res = await fetch(path, {
        method: init.method,
        headers: { "Content-Type": "application/json" },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      return { status: res.status, body: await res.text() };
    },
    { path, init },
  );
}

async function openProfileSettings(p: Page) {
  await p.goto("/settings/profile");
  await p.getByRole("button", { name: "Edit intro" }).waitFor();
}

describe("profile", () => {
  it("edits the intro in the block editor (slash menu, drag handle, handle menu) and the public page shows the new order", async () => {
    const { page, context, browser, homebase } = suite;
    const account = newAccount("intro");
    await signUp(page, account);

    // The settings page must not download the editor: note every script it loads, read them afterwards.
    const scripts = new Set<string>();
    const noteScript = (res: Response) => {
      if (res.url().endsWith(".js")) scripts.add(res.url());
    };
    const scriptsWithEditor = async () => {
      const found: string[] = [];
      for (const url of scripts)
        if ((await context.request.get(url).then((r) => r.text())).includes(EDITOR_MARKER)) found.push(url);
      return found;
    };
    page.on("response", noteScript);
    await page.reload();
    await openProfileSettings(page);
    expect(scripts.size).toBeGreaterThan(0);
    expect(await scriptsWithEditor()).toEqual([]);

    await page.getByRole("button", { name: "Edit intro" }).click();
    const editor = page.getByRole("textbox", { name: "Intro" });
    await editor.waitFor();
    // ...and pressing Edit did (guards the check above).
    expect((await scriptsWithEditor()).length).toBeGreaterThan(0);
    page.off("response", noteScript);

    // `/` opens the block menu; choose a heading and type into it.
    await editor.click();
    await page.keyboard.type("/");
    await page.getByRole("listbox").waitFor();
    await page.getByRole("option", { name: /Heading 1/ }).click();
    await page.keyboard.type("Experiments");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Second paragraph");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Delete me");
    await expect
      .poll(() => blocks(page))
      .toEqual(["heading:Experiments", "paragraph:Second paragraph", "paragraph:Delete me"]);

    // Drag the second paragraph above the heading with its drag handle.
    const handle = await dragHandleOf(page, "Second paragraph");
    const heading = await page.locator(".bn-editor .bn-block-content", { hasText: "Experiments" }).boundingBox();
    if (!heading) throw new Error("the heading block has no box");
    await handle.hover();
    await page.mouse.down();
    await page.mouse.move(heading.x + 40, heading.y + 6, { steps: 8 });
    await page.mouse.move(heading.x + 40, heading.y + 3, { steps: 4 });
    await page.mouse.up();
    await expect
      .poll(() => blocks(page))
      .toEqual(["paragraph:Second paragraph", "heading:Experiments", "paragraph:Delete me"]);

    // Delete a block from its drag handle's menu.
    await (await dragHandleOf(page, "Delete me")).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    await expect.poll(() => blocks(page)).toEqual(["paragraph:Second paragraph", "heading:Experiments"]);

    const saved = page.waitForResponse(isIntroSave);
    await page.getByRole("button", { name: "Save", exact: true }).last().click();
    const res = await saved;
    expect(res.status()).toBe(200);
    const { introMarkdown } = (await res.json()) as { introMarkdown: string };
    expect(introMarkdown).toMatch(/^Second paragraph\s+# Experiments\s*$/);
    expect(introMarkdown).not.toContain("Delete me");
    // Back to the rendered intro, with focus on Edit.
    await expect
      .poll(() => page.getByRole("button", { name: "Edit intro" }).evaluate((b) => b === document.activeElement))
      .toBe(true);

    // The public page, signed out: the paragraph now comes before the heading.
    const visitor = await browser.newContext({ baseURL: homebase.url });
    const publicPage = await visitor.newPage();
    await publicPage.goto(`/u/${account.username}`);
    const intro = publicPage.getByRole("region", { name: "Intro" });
    await intro.getByRole("heading", { name: "Experiments" }).waitFor();
    const order = await intro.locator("p, h1").evaluateAll((els) => els.map((e) => `${e.tagName}:${e.textContent}`));
    expect(order).toEqual(["P:Second paragraph", "H1:Experiments"]);
    expect(await publicPage.getByText("Delete me").count()).toBe(0);
    // Signed out: no Edit, a Sign in instead.
    expect(await publicPage.getByRole("link", { name: "Edit intro" }).count()).toBe(0);
    await publicPage.getByRole("link", { name: "Sign in" }).waitFor();
    await visitor.close();
  });

  it("uploads an avatar chosen with the file picker, refuses wrong files before uploading, and removes it after confirming", async () => {
    const { page } = suite;
    await signUp(page, newAccount("avatar"));
    await openProfileSettings(page);
    const uploads: string[] = [];
    page.on("request", (req) => {
      if (req.url().endsWith("/api/v1/me/avatar") && req.method() === "PUT") uploads.push(req.url());
    });
    const dropzone = page.getByRole("button", { name: /Upload an image|Choose another image/ });
    const problem = page.getByRole("alert").filter({ hasText: "This image cannot be used" });

    // Dropped text file: refused in the browser.
    await dropzone.evaluate((el) => {
      const data = new DataTransfer();
      data.items.add(new File(["just text"], "notes.txt", { type: "text/plain" }));
      for (const type of ["dragenter", "dragover", "drop"]) {
        el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
      }
    });
    await expect.poll(() => problem.textContent()).toContain("“notes.txt” is text/plain");

    // 6 MB "PNG": too large, also refused before any upload.
    const choose = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      const [chooser] = await Promise.all([page.waitForEvent("filechooser"), dropzone.click()]);
      await chooser.setFiles(file);
    };
    await choose({ name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(6_000_000, 1) });
    await expect.poll(() => problem.textContent()).toContain("at most 5 MB");
    expect(uploads).toEqual([]);

    // A text file named .png: its bytes say it is no image, so it is refused before uploading too.
    await choose({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("not an image at all") });
    await expect.poll(() => problem.textContent()).toContain("“fake.png” is not a PNG, JPEG, WebP or GIF image");
    expect(uploads).toEqual([]);

    // A PNG signature over garbage passes the browser's checks; the server decodes it, refuses (415) and says why.
    const corrupt = Buffer.concat([png(4, 4).subarray(0, 8), Buffer.from("garbage after the signature")]);
    await choose({ name: "broken.png", mimeType: "image/png", buffer: corrupt });
    const refused = page.waitForResponse((r) => r.url().endsWith("/api/v1/me/avatar"));
    await page.getByRole("button", { name: "Save picture" }).click();
    expect((await refused).status()).toBe(415);
    await expect.poll(() => problem.textContent()).toMatch(/not an image we can read|could not be processed/);

    // A real PNG: preview first, then saved.
    await choose({ name: "me.png", mimeType: "image/png", buffer: png(90, 60) });
    const preview = page.getByRole("img", { name: "Preview of your new profile picture" });
    expect(await preview.getAttribute("src")).toMatch(/^blob:/);
    expect(await problem.count()).toBe(0);
    await expectNoAxeViolations(page, "the picture preview");
    const uploaded = page.waitForResponse((r) => r.url().endsWith("/api/v1/me/avatar"));
    await page.getByRole("button", { name: "Save picture" }).click();
    const { avatarUrl } = (await (await uploaded).json()) as { avatarUrl: string };
    expect(avatarUrl).toMatch(/^\/api\/v1\/avatars\/[0-9a-f]{32}\.webp$/);

    // Shown at the top of the page (and in the card), loaded from the content-addressed URL.
    const header = page.getByRole("group", { name: "Your profile" }).locator("img");
    await expect.poll(() => header.getAttribute("src")).toBe(avatarUrl);
    await expect.poll(() => header.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(90);
    expect(await page.getByRole("img", { name: "Your profile picture" }).getAttribute("src")).toBe(avatarUrl);
    await page.getByRole("status").filter({ hasText: "Profile picture saved." }).waitFor({ state: "attached" });

    // Remove asks first, then the initials come back.
    await page.getByRole("button", { name: "Remove picture" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove your profile picture?" });
    await dialog.getByRole("button", { name: "Cancel" }).waitFor();
    await expectNoAxeViolations(page, "the remove-picture dialog");
    await dialog.getByRole("button", { name: "Remove picture" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => header.count()).toBe(0);
    expect((await page.request.get(avatarUrl)).status()).toBe(404);
  });

  it("renders the whole XSS corpus on the public page and in settings without running any of it", async () => {
    const { page, context } = suite;
    const account = newAccount("xss");
    await signUp(page, account);
    const saved = await pageFetch(page, "/api/v1/me/intro", {
      method: "PUT",
      json: { markdown: XSS_VECTORS.join("\n\n") },
    });
    expect(saved.status, saved.body).toBe(200);

    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    // The trap: every payload in the corpus that runs sets window.__pwned (or opens a dialog).
    await context.addInitScript(() => {
      let value: unknown;
      Object.defineProperty(window, "__pwned", {
        configurable: true,
        get: () => value,
        set: (next) => {
          value = next;
          console.error(`window.__pwned was set to ${String(next)}`);
        },
      });
    });
    const pwned = () => page.evaluate(() => typeof (window as unknown as { __pwned?: unknown }).__pwned);
    /** Waits until every image has loaded or failed, so `onerror`/`onload` payloads had their chance. */
    const settle = async () => {
      await page
        .waitForFunction(() => Array.from(document.images).every((img) => img.complete), undefined, { timeout: 10_000 })
        .catch(() => {});
      await page.waitForTimeout(750);
    };

    await page.goto(`/u/${account.username}`);
    await page.getByRole("region", { name: "Intro" }).waitFor();
    await settle();
    expect(await page.getByRole("region", { name: "Intro" }).textContent()).toContain("click");
    expect(dialogs).toEqual([]);
    expect(await pwned()).toBe("undefined");
    expect(await page.locator("main script, main iframe, main object, main embed, main form").count()).toBe(0);

    // The same HTML in the owner's Intro card.
    await openProfileSettings(page);
    await settle();
    expect(dialogs).toEqual([]);
    expect(await pwned()).toBe("undefined");

    // Guard the guard: with the CSP bypassed, an unsanitized handler on this page would have run.
    await page.evaluate(() =>
      document.body.insertAdjacentHTML("beforeend", '<img src="x:" onerror="window.__pwned=1">'),
    );
    await expect.poll(pwned).toBe("number");
  });

  it("saves a badge written in Markdown, shows it as an image inside the follow link, and keeps one-sided image sizes in proportion", async () => {
    const { page, homebase } = suite;
    const account: Account = newAccount("badge");
    await signUp(page, account);
    // An image of known shape (3:1) on this origin, so the test does not depend on img.shields.io.
    const upload = await page.request.put("/api/v1/me/avatar", {
      headers: { "Content-Type": "image/png", Origin: homebase.url },
      data: png(120, 40),
    });
    const imageUrl = `${homebase.url}${((await upload.json()) as { avatarUrl: string }).avatarUrl}`;

    await openProfileSettings(page);
    await page.getByRole("button", { name: "Edit intro" }).click();
    await page.locator("label", { hasText: /^Markdown$/ }).click();
    const source = page.getByRole("textbox", { name: "Intro in Markdown" });
    await source.fill(
      `${BADGE}\n\n<a href="https://github.com/${account.username}"><img src="${imageUrl}" height="28" alt="by height"></a> ` +
        `[<img src="${imageUrl}" width="60" alt="by width">](https://example.com)`,
    );
    const saved = page.waitForResponse(isIntroSave);
    await page.getByRole("button", { name: "Save", exact: true }).last().click();
    expect((await saved).status()).toBe(200);

    await page.goto(`/u/${account.username}`);
    const intro = page.getByRole("region", { name: "Intro" });
    const badgeLink = intro.locator('a[href="https://x.com/intent/follow?screen_name=weights_biases"]');
    await badgeLink.waitFor();
    expect(await badgeLink.getAttribute("rel")).toBe("nofollow noopener noreferrer");
    const badge = badgeLink.locator("img");
    expect(await badge.getAttribute("src")).toBe("https://img.shields.io/twitter/follow/weights_biases?style=social");
    expect(await badge.getAttribute("alt")).toBe("X: @weights_biases");

    // Only a height, or only a width: the other side follows the image's own 3:1 ratio.
    const box = async (alt: string) => {
      const img = intro.getByRole("img", { name: alt });
      await expect
        .poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth))
        .toBe(120);
      return img.evaluate((el) => ({
        width: el.getBoundingClientRect().width,
        height: el.getBoundingClientRect().height,
      }));
    };
    const byHeight = await box("by height");
    expect(byHeight.height).toBeCloseTo(28, 0);
    expect(byHeight.width).toBeCloseTo(84, 0);
    const byWidth = await box("by width");
    expect(byWidth.width).toBeCloseTo(60, 0);
    expect(byWidth.height).toBeCloseTo(20, 0);

    // Opening the editor again: the badges keep it in Markdown, untouched.
    await page.getByRole("link", { name: "Edit intro" }).click();
    await expect.poll(() => page.getByRole("textbox", { name: "Intro in Markdown" }).inputValue()).toContain(BADGE);
    await page.getByText("Some of this intro is HTML or linked images").waitFor();
  });

  it("saves profile fields with inline validation and shows them on the public page", async () => {
    const { page } = suite;
    const account = newAccount("fields");
    await signUp(page, account);
    await openProfileSettings(page);
    const save = page.getByRole("button", { name: "Save", exact: true });
    expect(await save.isDisabled()).toBe(true);

    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Ada Lovelace");
    await page.getByRole("textbox", { name: "Website", exact: true }).fill("javascript:alert(1)");
    await save.click();
    await page.getByText("Only http:// and https:// addresses can be linked, not javascript:.").waitFor();
    await page.getByRole("textbox", { name: "Website", exact: true }).fill("https://ada.example.org");
    await page.getByRole("textbox", { name: "Institution", exact: true }).fill("Analytical Engines");
    const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith("/api/v1/me"));
    await save.click();
    expect((await saved).status()).toBe(200);
    await page.getByText("✓ Saved").waitFor();
    expect(await save.isDisabled()).toBe(true);

    await page.getByRole("link", { name: "View your public profile" }).click();
    await page.getByRole("heading", { level: 1, name: "Ada Lovelace" }).waitFor();
    const website = page.getByRole("link", { name: "ada.example.org" });
    expect(await website.getAttribute("href")).toBe("https://ada.example.org");
    expect(await website.getAttribute("rel")).toBe("nofollow noopener noreferrer");
    await page.getByText("Analytical Engines").waitFor();
    // The owner's Edit buttons lead back to the settings.
    await page.getByRole("link", { name: "Edit profile" }).waitFor();
  });

  it("shows a 404 page for an unknown user, signed out", async () => {
    const { page } = suite;
    await page.goto("/u/nobody-here-at-all");
    await page.getByRole("heading", { level: 1, name: "No user called “nobody-here-at-all”" }).waitFor();
    await expectNoAxeViolations(page, "the public profile's 404 page");
  });

  it("has no axe violations on the profile settings, the open editor and the public page", async () => {
    const { page } = suite;
    const account = newAccount("axe");
    await signUp(page, account);
    await pageFetch(page, "/api/v1/me", {
      method: "PATCH",
      json: { name: "Axe Tester", location: "Zürich", bio: "Hi" },
    });
    await pageFetch(page, "/api/v1/me/intro", {
      method: "PUT",
      json: { markdown: `## About\n\nI **test** things. [Site](https://example.com)\n\n- one\n- two\n\n${BADGE}` },
    });
    await openProfileSettings(page);
    await expectNoAxeViolations(page, "/settings/profile");

    await page.getByRole("button", { name: "Edit intro" }).click();
    await page.getByRole("textbox", { name: "Intro in Markdown" }).waitFor();
    await expectNoAxeViolations(page, "the intro editor (Markdown)");
    await page.locator("label", { hasText: /^Visual$/ }).click();
    await page.getByRole("textbox", { name: "Intro" }).waitFor();
    await expectNoAxeViolations(page, "the intro editor (visual)");

    await page.goto(`/u/${account.username}`);
    await page.getByRole("heading", { level: 1, name: "Axe Tester" }).waitFor();
    await expectNoAxeViolations(page, "the public profile (owner)");
  });
});
