import { BlockNoteEditor } from "@blocknote/core";
import { renderIntroHtml } from "@homebase/core/intro";
import { describe, expect, it } from "vitest";
import { introBlocks } from "./editor-input";
import { loadIntro, MARKDOWN_BLOCK, rawChunks, rendersTheSame, serializeIntro } from "./intro-document";
import { introSchema } from "./intro-schema";
import { chunkMarkdown, joinChunks } from "./markdown-chunks";

/** The seed's badge (a link around an image) and a sized image, as written in intros. */
const BADGE = "[![GitHub](https://img.shields.io/badge/GitHub-100000?logo=github)](https://github.com/you)";
const SIZED_IMG = '<img src="https://example.org/a.png" width="48">';

/**
 * One sample per construct the server's renderer supports (core `renderIntroHtml`:
 * CommonMark + GFM + sanitized HTML), written the ways people write them.
 */
const CORPUS: Record<string, string> = {
  "atx heading": "# Heading one",
  "heading with emphasis": "## Heading *two*",
  "setext heading": "Setext heading\n==============",
  emphasis: "Some *emphasis* and _underscored_ text.",
  strong: "Some **strong** and __strong__ text.",
  strikethrough: "~~struck~~ and ~single~",
  "inline code": "Inline `code` here.",
  "code block with language": "```ts\nconst a = 1;\n\nconst b = 2;\n```",
  "code block without language": "```\nplain text\n```",
  "tilde fence": "~~~python\nprint('hi')\n~~~",
  "indented code": "    indented code",
  "bullet list": "- one\n- two\n- three",
  "nested list": "- one\n- two\n  - nested\n    - deeper\n- three",
  "star list": "* star\n* list",
  "ordered list": "1. one\n2. two\n3. three",
  "ordered list from 3 with parens": "3) three\n4) four",
  "loose list": "- loose\n\n- list",
  "task list": "- [x] done\n- [ ] todo",
  "block quote": "> a quote\n> over two lines",
  "nested quote": "> outer\n>\n> > inner",
  link: "[a link](https://example.com)",
  "link with title": '[titled](https://example.com "Title")',
  autolink: "<https://auto.example.com> and https://bare.example.com",
  image: "![alt text](https://example.org/i.png)",
  "image with title": '![alt](https://example.org/i.png "Title")',
  badge: BADGE,
  "badges in a row": `${BADGE} [![X](https://img.shields.io/badge/X-000?logo=x)](https://x.com/you)`,
  "sized html img": SIZED_IMG,
  "html img with width and height": '<img src="https://example.org/b.png" width="120" height="28" alt="b">',
  "html link around img": '<a href="https://example.org"><img src="https://example.org/c.png" height="28"></a>',
  table: "| a | b |\n|---|---|\n| 1 | 2 |",
  "aligned table": "| left | right |\n| :--- | ---: |\n| 1 | 2 |",
  footnote: "Text with a note.[^1]\n\n[^1]: The note.",
  "horizontal rule": "---",
  "hard break with spaces": "line one  \nline two",
  "hard break with backslash": "line one\\\nline two",
  "soft break": "a paragraph wrapped\nover two lines",
  "html block": "<details>\n<summary>More</summary>\n\nHidden **text**\n\n</details>",
  "reference link": "A [reference][r] link.\n\n[r]: https://example.com",
  escapes: "Not \\*emphasis\\* and 1\\. not a list",
  entities: "a &amp; b &copy; c",
};

const editor = () => BlockNoteEditor.create({ schema: introSchema });

/** Markdown → the visual editor's blocks → Markdown, as switching Markdown → Visual → Markdown does. */
function roundTrip(markdown: string) {
  const target = editor();
  const origin = loadIntro(target, markdown);
  return { target, origin, markdown: serializeIntro(target, origin).markdown };
}

/** Types `text` at the end of the first block whose text contains `where`, as a user would. */
function typeAfter(target: ReturnType<typeof editor>, where: string, text: string) {
  const block = target.document.find((b) => JSON.stringify(b.content ?? "").includes(where));
  if (!block) throw new Error(`no block with ${where}`);
  target.setTextCursorPosition(block, "end");
  target.insertInlineContent(text);
}

describe("Markdown → visual blocks → Markdown", () => {
  it.each(Object.entries(CORPUS))("keeps %s exactly as written", (_, sample) => {
    expect(roundTrip(sample).markdown).toBe(sample);
  });

  it("keeps the whole corpus as one intro exactly as written, blank lines and all", () => {
    const intro = `\n${Object.values(CORPUS).join("\n\n")}\n\n\n${BADGE}\n`;
    expect(roundTrip(intro).markdown).toBe(intro);
  });

  it("keeps badges and sized images as Markdown blocks, which the renderer shows as links around images", () => {
    const intro = `${BADGE}\n\n${SIZED_IMG}`;
    const { target } = roundTrip(intro);
    const kept = target.document.filter((b) => b.type === MARKDOWN_BLOCK).map((b) => b.props);
    expect(kept).toEqual([{ source: BADGE }, { source: SIZED_IMG }]);
    expect(renderIntroHtml(BADGE)).toMatch(
      /<a href="https:\/\/github.com\/you"[^>]*><img src="https:\/\/img.shields.io/,
    );
  });

  it("edits as blocks what BlockNote writes back rendering the same, and keeps the rest as written", () => {
    const asBlocks = ["heading with emphasis", "emphasis", "nested list", "task list", "code block with language"];
    const asMarkdown = ["badge", "sized html img", "link with title", "aligned table", "loose list", "indented code"];
    for (const name of asBlocks) {
      const { target } = roundTrip(CORPUS[name]!);
      expect(
        target.document.some((b) => b.type === MARKDOWN_BLOCK),
        name,
      ).toBe(false);
    }
    for (const name of asMarkdown) {
      const { target } = roundTrip(CORPUS[name]!);
      expect(target.document[0]?.type, name).toBe(MARKDOWN_BLOCK);
    }
  });

  it("rewrites only the paragraph a character is typed in, and keeps the badge and the sized image", () => {
    const intro = [
      "# About me",
      "I _train_ models\nand write about it.",
      BADGE,
      SIZED_IMG,
      "- one\n- two",
      "Thanks for reading",
    ].join("\n\n");
    const { target, origin } = roundTrip(intro);
    typeAfter(target, "Thanks for reading", "!");
    expect(serializeIntro(target, origin).markdown).toBe(intro.replace("Thanks for reading", "Thanks for reading!"));

    // Typing in a paragraph BlockNote writes differently (`_em_`, a soft break): that paragraph
    // alone is written again, and renders as the typed text would.
    typeAfter(target, "write about it", "?");
    const written = serializeIntro(target, origin).markdown;
    const expected = intro.replace("Thanks for reading", "Thanks for reading!").replace("about it.", "about it.?");
    expect(written).toContain(`${BADGE}\n\n${SIZED_IMG}\n\n- one\n- two\n\nThanks for reading!`);
    expect(written.startsWith("# About me\n\n")).toBe(true);
    expect(rendersTheSame(written, expected)).toBe(true);
  });

  it("keeps every construct when a character is typed anywhere in the corpus", () => {
    const intro = Object.values(CORPUS).join("\n\n");
    const { target, origin } = roundTrip(intro);
    typeAfter(target, "Some ", "x");
    const written = serializeIntro(target, origin).markdown;
    const expected = intro.replace(
      "Some *emphasis* and _underscored_ text.",
      "Some *emphasis* and _underscored_ text.x",
    );
    expect(rendersTheSame(written, expected)).toBe(true);
    expect(written.replace("Some *emphasis* and *underscored* text.x", "")).toBe(
      expected.replace("Some *emphasis* and _underscored_ text.x", ""),
    );
  });

  it("writes a list item added after a list into that list", () => {
    const intro = "- one\n- two\n\nAfter";
    const { target, origin } = roundTrip(intro);
    const two = target.document[1]!;
    target.insertBlocks([{ type: "bulletListItem", content: "three" }], two, "after");
    const written = serializeIntro(target, origin).markdown;
    expect(renderIntroHtml(written)).toBe(renderIntroHtml("- one\n- two\n- three\n\nAfter"));
  });

  it("writes a block moved elsewhere as it was written", () => {
    const intro = `Intro\n\n${BADGE}\n\n## Heading`;
    const { target, origin } = roundTrip(intro);
    target.moveBlocksUp(target.document[1]!.id);
    expect(serializeIntro(target, origin).markdown).toBe(`${BADGE}\n\nIntro\n\n## Heading`);
  });
});

describe("the warning's parts without blocks", () => {
  it("follows the text being written, not the saved intro", () => {
    const parser = editor();
    const known = new Map<string, boolean>();
    expect(rawChunks(parser, "Plain **text**", known)).toEqual([]);
    expect(rawChunks(parser, `Plain **text**\n\n${BADGE}`, known)).toEqual([BADGE]);
    expect(rawChunks(parser, `Plain **text**\n\n${BADGE}\n\n${SIZED_IMG}`, known)).toEqual([BADGE, SIZED_IMG]);
  });
});

describe("the visual editor's input", () => {
  it("keeps a paragraph's soft line breaks as the space they render as, and hard breaks as breaks", () => {
    const target = editor();
    expect(target.blocksToMarkdownLossy(introBlocks(target, "wrapped\nline"))).toBe("wrapped line\n");
    expect(renderIntroHtml(target.blocksToMarkdownLossy(introBlocks(target, "hard  \nbreak")))).toBe(
      renderIntroHtml("hard  \nbreak"),
    );
    expect(target.blocksToMarkdownLossy(introBlocks(target, "```\nkeep  \nlines\n```"))).toBe(
      "```\nkeep  \nlines\n```\n",
    );
  });
});

describe("cutting Markdown into chunks", () => {
  it("gives the text back byte for byte", () => {
    for (const sample of [...Object.values(CORPUS), "", "\n\n", "  a\n\n\n b \n", "a\r\nb\r\n\r\nc"]) {
      expect(joinChunks(chunkMarkdown(sample))).toBe(sample);
    }
  });

  it("never cuts inside a fence, a list or an HTML comment", () => {
    const sources = (md: string) => chunkMarkdown(md).chunks.map((c) => c.source);
    expect(sources("```\na\n\nb\n```\n\nafter")).toEqual(["```\na\n\nb\n```", "after"]);
    expect(sources("- a\n\n  more of a\n\n- b\n\nafter")).toEqual(["- a\n\n  more of a\n\n- b", "after"]);
    expect(sources("- item\n\n  ```\n  x\n\n  y\n  ```")).toEqual(["- item\n\n  ```\n  x\n\n  y\n  ```"]);
    // A fence in a quote ends with the quote; a chunk too big is safe (it holds both quotes).
    expect(sources("> ```\n> a\n\n> b")).toEqual(["> ```\n> a\n\n> b"]);
    expect(sources("<!--\nnote\n\nmore\n-->\n\nafter")).toEqual(["<!--\nnote\n\nmore\n-->", "after"]);
    expect(sources("[^1]: note\n\n    more note\n\nafter")).toEqual(["[^1]: note\n\n    more note", "after"]);
  });
});
