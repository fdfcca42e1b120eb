/**
 * The intro editor as a user meets it on /settings/profile: Edit opens it (its code loads on
 * demand), the Visual and Markdown modes show the same intro, a change made in one is there in
 * the other, parts the visual editor has no blocks for keep it in Markdown, and Save, Cancel and
 * a restored draft do what they say. Typing into the visual editor itself needs a browser's
 * layout: tooling/e2e/src/intro-badges.e2e.test.ts does that in Chromium.
 */
import { makeMe, mockApi, renderSection } from "@homebase/settings-kit/testing";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import section from "../index";
import { publicProfileOf, SAVED_INTRO } from "../test-fixtures";

const SAVED = SAVED_INTRO.markdown;
const BADGE = "[![Follow @ada](https://img.shields.io/badge/follow-%40ada-blue)](https://x.com/ada)";

const me = (introMarkdown: string) => makeMe({ introMarkdown });

/** The API with `introMarkdown` saved; PUT /me/intro stores what it is sent. */
function api(introMarkdown = SAVED) {
  let intro = { markdown: introMarkdown, html: SAVED_INTRO.html };
  const profile = () => publicProfileOf(me(intro.markdown), intro.html);
  return mockApi({
    "GET /api/v1/me": () => me(intro.markdown),
    "GET /api/v1/users/:username": () => profile(),
    "PUT /api/v1/me/intro": ({ body }) => {
      intro = { markdown: body.markdown, html: `<p>${body.markdown.length} characters</p>` };
      return { introMarkdown: intro.markdown, introHtml: intro.html };
    },
  });
}

/** Opens /settings/profile and presses Edit on the intro card; resolves once the editor is there. */
async function openEditor() {
  const view = renderSection(section);
  fireEvent.click(await screen.findByRole("button", { name: "Edit intro" }));
  const modes = await screen.findByRole("radiogroup", { name: "Editing mode" });
  return { ...view, modes };
}

const mode = (modes: HTMLElement, name: "Visual" | "Markdown") =>
  within(modes).getByLabelText(name) as HTMLInputElement;
const switchTo = (modes: HTMLElement, name: "Visual" | "Markdown") => fireEvent.click(mode(modes, name));
const visualEditor = () => screen.getByRole("textbox", { name: "Intro" });
const markdownSource = () => screen.getByRole("textbox", { name: "Intro in Markdown" }) as HTMLTextAreaElement;
const saveButton = () =>
  within(screen.getByRole("form", { name: "Intro" })).getByRole("button", { name: "Save" }) as HTMLButtonElement;

beforeAll(async () => {
  // BlockNote's code is large: load it once up front, not inside the first test's waits.
  await import("./intro-editor");
}, 60_000);

afterEach(() => {
  window.localStorage.clear();
});

describe("intro editor: modes", () => {
  it("opens in Visual for an intro it can show as blocks, and Markdown shows the same intro as text", async () => {
    api();
    const { modes } = await openEditor();
    expect(mode(modes, "Visual").checked).toBe(true);
    expect(within(visualEditor()).getByRole("heading", { level: 2, name: "About" })).toBeTruthy();
    expect(visualEditor().textContent).toContain("Hello");
    expect(screen.getByText(/for headings, lists, quotes, code and images/)).toBeTruthy();
    expect(screen.getByText("No changes yet")).toBeTruthy();
    expect(saveButton().disabled).toBe(true);

    switchTo(modes, "Markdown");
    expect(mode(modes, "Markdown").checked).toBe(true);
    expect(markdownSource().value).toBe(SAVED);
    expect(screen.queryByRole("textbox", { name: "Intro" })).toBeNull();
    expect(screen.getByText("GitHub-flavoured Markdown. Badges can be written as links around images.")).toBeTruthy();
    // Switching modes alone changes nothing.
    expect(screen.getByText("No changes yet")).toBeTruthy();
  });

  it("carries a change written in Markdown into Visual and back unchanged, then saves it", async () => {
    const { calls } = api();
    const { modes, unsaved } = await openEditor();
    switchTo(modes, "Markdown");
    const written = "## About\n\nHello, I build *engines*.\n\n- difference\n- analytical";
    fireEvent.change(markdownSource(), { target: { value: written } });
    expect(screen.getByText("Unsaved changes")).toBeTruthy();
    expect(saveButton().disabled).toBe(false);
    expect(unsaved.isDirty()).toBe(true);

    switchTo(modes, "Visual");
    const editor = visualEditor();
    expect(within(editor).getByText("engines").tagName).toBe("EM");
    expect(editor.textContent).toContain("analytical");
    expect(screen.getByText("Unsaved changes")).toBeTruthy();

    switchTo(modes, "Markdown");
    expect(markdownSource().value).toBe(written);

    fireEvent.click(saveButton());
    const card = (await screen.findByRole("button", { name: "Edit intro" })).closest("section") as HTMLElement;
    expect(calls.find((c) => c.method === "PUT")?.body).toEqual({ markdown: written });
    expect(await within(card).findByText(`${written.length} characters`)).toBeTruthy();
    expect(within(card).getByRole("status").textContent).toBe("Saved.");
    expect(unsaved.isDirty()).toBe(false);
  });

  it("opens in Markdown when part of the intro has no blocks, and keeps that part as written in Visual", async () => {
    const intro = `Hello\n\n${BADGE}`;
    api(intro);
    const { modes } = await openEditor();
    expect(mode(modes, "Markdown").checked).toBe(true);
    expect(markdownSource().value).toBe(intro);
    const warning = screen.getByRole("alert");
    expect(within(warning).getByText("Some of this intro is HTML or linked images")).toBeTruthy();
    expect(warning.textContent).toContain("One part of this intro has no visual form");

    switchTo(modes, "Visual");
    // The badge shows as the public profile will show it, and stays Markdown.
    expect(await within(visualEditor()).findByRole("img", { name: "Follow @ada" })).toBeTruthy();
    fireEvent.click(within(screen.getByRole("alert")).getByRole("button", { name: "Edit as Markdown" }));

    // The Markdown tab, with the badge's text selected.
    await waitFor(() => expect(mode(modes, "Markdown").checked).toBe(true));
    const source = markdownSource();
    expect(source.value).toBe(intro);
    await waitFor(() => expect(source.value.slice(source.selectionStart, source.selectionEnd)).toBe(BADGE));
    expect(screen.getByText("No changes yet")).toBeTruthy();
  });
});

describe("intro editor: leaving it", () => {
  it("Cancel discards the change, returns to the intro and puts focus back on Edit", async () => {
    const { calls } = api();
    const { modes, unsaved } = await openEditor();
    switchTo(modes, "Markdown");
    fireEvent.change(markdownSource(), { target: { value: "Something else" } });
    expect(unsaved.isDirty()).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    const edit = await screen.findByRole("button", { name: "Edit intro" });
    await waitFor(() => expect(document.activeElement).toBe(edit));
    expect(unsaved.isDirty()).toBe(false);
    expect(calls.some((c) => c.method === "PUT")).toBe(false);

    // Opened again: the saved intro, not the discarded text.
    fireEvent.click(edit);
    switchTo(await screen.findByRole("radiogroup", { name: "Editing mode" }), "Markdown");
    expect(markdownSource().value).toBe(SAVED);
  });

  it("opens with a draft left by a reload, and Discard draft goes back to the saved intro", async () => {
    window.localStorage.setItem("homebase:intro-draft:ada", "## About\n\nHello, unsaved");
    api();
    renderSection(section);
    const restored = await screen.findByText("Restored your unsaved draft");
    const modes = await screen.findByRole("radiogroup", { name: "Editing mode" });
    switchTo(modes, "Markdown");
    expect(markdownSource().value).toBe("## About\n\nHello, unsaved");
    expect(screen.getByText("Unsaved changes")).toBeTruthy();

    const alert = restored.closest("[role=alert]") ?? restored.parentElement?.parentElement;
    fireEvent.click(within(alert as HTMLElement).getByRole("button", { name: "Discard draft" }));
    await waitFor(() => expect(screen.queryByText("Restored your unsaved draft")).toBeNull());
    const again = await screen.findByRole("radiogroup", { name: "Editing mode" });
    switchTo(again, "Markdown");
    expect(markdownSource().value).toBe(SAVED);
    expect(window.localStorage.getItem("homebase:intro-draft:ada")).toBeNull();
  });
});
