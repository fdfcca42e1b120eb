import { BlockNoteEditor } from "@blocknote/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { introBlocks, introEditorHtml } from "./editor-input";
import { introSchema } from "./intro-schema";

const HOSTILE = [
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(2)">click</a>',
  "<script>alert(3)</script>",
  '<p style="position:fixed" onclick="alert(4)">styled</p>',
  '<iframe src="https://evil.test"></iframe>',
  "![x](javascript:alert(5))",
].join("\n\n");

const ORDINARY = [
  "# Title",
  "",
  "Some **bold**, _italic_, ~~struck~~ and `code` with [a link](https://example.com).",
  "",
  "- [x] done",
  "- [ ] todo",
  "",
  "1. one",
  "2. two",
  "",
  "> a quote",
  "",
  "```ts",
  "const a = 1;",
  "```",
  "",
  "| a | b |",
  "|---|---|",
  "| 1 | 2 |",
  "",
  "![badge](https://img.shields.io/badge/a-b-blue)",
].join("\n");

const editor = () => BlockNoteEditor.create({ schema: introSchema });

/** Blocks without their random ids, for comparing two parses. */
const withoutIds = (blocks: unknown) =>
  JSON.parse(JSON.stringify(blocks, (key, value) => (key === "id" ? undefined : value)));

/** Every HTML string handed to the DOM's parsers while `run` runs. */
function htmlSeenByTheDom(run: () => void): string[] {
  const seen: string[] = [];
  const innerHTML = Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML")!;
  vi.spyOn(Element.prototype, "innerHTML", "set").mockImplementation(function (this: Element, html: string) {
    seen.push(html);
    innerHTML.set!.call(this, html);
  });
  const parseFromString = DOMParser.prototype.parseFromString;
  vi.spyOn(DOMParser.prototype, "parseFromString").mockImplementation(function (this: DOMParser, html, type) {
    seen.push(html);
    return parseFromString.call(this, html, type);
  });
  run();
  return seen;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the intro editor's input", () => {
  it("is sanitized with the server's allowlist before it reaches the editor", () => {
    const html = introEditorHtml(HOSTILE)!;
    expect(html).not.toMatch(/onerror|onclick|javascript:|<script|<iframe|style=/i);
    expect(html).toContain("click");
    expect(html).toContain("styled");
  });

  it("never hands the stored intro's raw HTML to a DOM, even a detached one", () => {
    const target = editor();
    let blocks: unknown[] = [];
    const seen = htmlSeenByTheDom(() => {
      blocks = introBlocks(target, HOSTILE);
    });
    expect(seen.length).toBeGreaterThan(0);
    for (const html of seen) expect(html).not.toMatch(/onerror|onclick|javascript:|<script|<iframe/i);
    expect(JSON.stringify(blocks)).not.toMatch(/onerror|javascript:|alert\(/);
  });

  it("gives the same blocks as BlockNote's own Markdown parser for an ordinary intro", () => {
    const target = editor();
    expect(withoutIds(introBlocks(target, ORDINARY))).toEqual(withoutIds(target.tryParseMarkdownToBlocks(ORDINARY)));
  });

  it("is empty for a blank intro and for one too deeply nested to sanitize", () => {
    expect(introBlocks(editor(), "")).toEqual([]);
    expect(introEditorHtml("<div>".repeat(20_000))).toBeNull();
  });
});
