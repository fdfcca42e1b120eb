import { readFileSync } from "node:fs";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import {
  escapedIntroHtml,
  INTRO_MAX_BLOCK_NESTING,
  INTRO_MAX_HTML_NESTING,
  IntroTooDeeplyNestedError,
  measureIntroNesting,
  renderIntroHtml,
} from "./intro";

const VECTORS: string[] = JSON.parse(readFileSync(new URL("./fixtures/xss-vectors.json", import.meta.url), "utf8"));

const FORBIDDEN_TAGS = new Set([
  "script",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "style",
  "link",
  "meta",
  "base",
  "form",
  "button",
  "textarea",
  "select",
  "svg",
  "math",
  "template",
  "video",
  "audio",
  "marquee",
  "body",
  "isindex",
  "noscript",
  "xmp",
]);
const URL_ATTRIBUTES = new Set(["href", "src"]);

/** Browsers ignore ASCII control characters and spaces inside a URL scheme. */
function squeeze(value: string): string {
  return [...value].filter((ch) => ch.charCodeAt(0) > 0x20).join("");
}

function elements(html: string): Element[] {
  const tree: Root = fromHtml(html, { fragment: true });
  const found: Element[] = [];
  visit(tree, "element", (node: Element) => {
    found.push(node);
  });
  return found;
}

/** Every way the rendered HTML could run code, as a browser would parse it. */
function executableContent(html: string): string[] {
  const problems: string[] = [];
  for (const el of elements(html)) {
    if (FORBIDDEN_TAGS.has(el.tagName)) problems.push(`<${el.tagName}>`);
    if (el.tagName === "input" && el.properties.type !== "checkbox") problems.push("input");
    for (const [name, value] of Object.entries(el.properties)) {
      const attr = name.toLowerCase();
      if (attr.startsWith("on")) problems.push(`${el.tagName}[${name}]`);
      if (["style", "formAction", "srcDoc", "srcSet", "ping", "background", "xLinkHref"].includes(name)) {
        problems.push(`${el.tagName}[${name}]`);
      }
      if (/(java|vb)script:/i.test(squeeze(String(value)))) {
        problems.push(`${el.tagName}[${name}] script URL`);
      }
      if (URL_ATTRIBUTES.has(attr)) {
        const url = squeeze(String(value)).toLowerCase();
        const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
        const allowed = attr === "href" ? ["http", "https", "mailto"] : ["http", "https"];
        if (scheme && !allowed.includes(scheme)) problems.push(`${el.tagName}[${attr}=${scheme}:]`);
      }
    }
  }
  return problems;
}

describe("intro sanitizer", () => {
  it("has a corpus of at least 60 XSS vectors", () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(VECTORS.map((v, i) => [i, v] as const))("vector %i renders without executable content", (_i, vector) => {
    const html = renderIntroHtml(vector);
    expect(executableContent(html), html).toEqual([]);
  });

  it("renders the whole corpus at once without executable content", () => {
    expect(executableContent(renderIntroHtml(VECTORS.join("\n\n")))).toEqual([]);
  });

  it("the detector itself sees raw attacks (guards the guard)", () => {
    expect(executableContent('<img src=x onerror="alert(1)">')).toContain("img[onError]");
    expect(executableContent('<a href="javascript:alert(1)">x</a>')).toContain("a[href=javascript:]");
    expect(executableContent("<script>alert(1)</script>")).toContain("<script>");
    expect(executableContent('<p style="x">y</p>')).toContain("p[style]");
  });

  it("renders the seed's social badge as an image linking to the follow URL", () => {
    const html = renderIntroHtml(
      "[![X: @weights_biases](https://img.shields.io/twitter/follow/weights_biases?style=social)](https://x.com/intent/follow?screen_name=weights_biases)",
    );
    const [a] = elements(html).filter((e) => e.tagName === "a");
    expect(a?.properties.href).toBe("https://x.com/intent/follow?screen_name=weights_biases");
    expect(a?.properties.rel).toEqual(["nofollow", "noopener", "noreferrer"]);
    const img = elements(html).find((e) => e.tagName === "img");
    expect(img?.properties).toMatchObject({
      src: "https://img.shields.io/twitter/follow/weights_biases?style=social",
      alt: "X: @weights_biases",
    });
  });

  it("keeps width and height of an HTML badge inside a Markdown link", () => {
    const html = renderIntroHtml(
      '[<img src="https://img.shields.io/badge/GitHub-follow-blue" alt="GitHub" width="120">](https://github.com/ada)\n\n' +
        '<a href="https://linkedin.com/in/ada"><img src="https://img.shields.io/badge/LinkedIn-x-blue" height="28" width="100"></a>',
    );
    const imgs = elements(html).filter((e) => e.tagName === "img");
    expect(imgs[0]?.properties).toMatchObject({ width: 120, src: "https://img.shields.io/badge/GitHub-follow-blue" });
    expect(imgs[0]?.properties.height).toBeUndefined();
    expect(imgs[1]?.properties).toMatchObject({ width: 100, height: 28 });
    const links = elements(html).filter((e) => e.tagName === "a");
    expect(links.map((l) => l.properties.href)).toEqual(["https://github.com/ada", "https://linkedin.com/in/ada"]);
  });

  it("renders GitHub-flavoured Markdown: headings, tables, task lists, strikethrough, autolinks, mailto", () => {
    const html = renderIntroHtml(
      "# Hi\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ https://example.com [mail](mailto:a@b.co)",
    );
    expect(html).toContain("<h1>Hi</h1>");
    expect(html).toContain("<table>");
    expect(html).toContain('type="checkbox"');
    expect(html).toContain("<del>old</del>");
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('href="mailto:a@b.co"');
  });

  it("renders nothing for an empty intro", () => {
    expect(renderIntroHtml("  \n")).toBe("");
  });
});

describe("intro footnotes (GitHub-flavoured)", () => {
  it("links each reference to its note and back with matching, singly prefixed ids", () => {
    const html = renderIntroHtml("Hello[^1] and[^note].\n\n[^1]: One.\n[^note]: Two.");
    const els = elements(html);
    const ids = new Set(els.map((e) => e.properties.id).filter((id): id is string => typeof id === "string"));
    const hrefs = els.filter((e) => e.tagName === "a").map((e) => String(e.properties.href));
    expect(hrefs).toEqual([
      "#user-content-fn-1",
      "#user-content-fn-note",
      "#user-content-fnref-1",
      "#user-content-fnref-note",
    ]);
    for (const href of hrefs) expect(ids, href).toContain(href.slice(1));
    expect(html).not.toContain("user-content-user-content");
    const label = els.find((e) => e.tagName === "h2");
    expect(label?.properties.id).toBe("user-content-footnote-label");
    expect(els.find((e) => e.properties.dataFootnoteRef !== undefined)?.properties.ariaDescribedBy).toEqual([
      "user-content-footnote-label",
    ]);
  });

  it("still prefixes ids written in HTML, and points a link at one only when it exists", () => {
    const html = renderIntroHtml('<a id="top" name="getElementById">x</a> [up](#top) [nowhere](#missing)');
    const links = elements(html).filter((e) => e.tagName === "a");
    expect(links[0]?.properties).toMatchObject({ id: "user-content-top", name: "user-content-getElementById" });
    expect(links.slice(1).map((l) => l.properties.href)).toEqual(["#user-content-top", "#missing"]);
  });
});

describe("intro nesting budget", () => {
  it.each([
    [">".repeat(19_000), "blocks"],
    [`${"- ".repeat(9_999)}a`, "blocks"],
    [`${"1. ".repeat(40)}a`, "blocks"],
    [`${"> - ".repeat(17)}a`, "blocks"],
    [Array.from({ length: 40 }, (_, i) => `${" ".repeat(2 * i)}- a`).join("\n"), "blocks"],
    ["<div>".repeat(3_000), "html"],
    ["<div>a\n".repeat(40), "html"],
    ["<span><b>".repeat(17), "html"],
  ])("refuses %#: %s… before parsing", (markdown, kind) => {
    const started = performance.now();
    const error = (() => {
      try {
        renderIntroHtml(markdown);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(IntroTooDeeplyNestedError);
    expect((error as IntroTooDeeplyNestedError).kind).toBe(kind);
    expect((error as Error).message).toMatch(/too deeply nested/);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("accepts nesting up to the limits", () => {
    const blocks = `${"> ".repeat(INTRO_MAX_BLOCK_NESTING / 2)}${"- ".repeat(INTRO_MAX_BLOCK_NESTING / 2)}a`;
    expect(measureIntroNesting(blocks).blocks).toBe(INTRO_MAX_BLOCK_NESTING);
    const html = `${"<div>".repeat(INTRO_MAX_HTML_NESTING)}a${"</div>".repeat(INTRO_MAX_HTML_NESTING)}`;
    expect(measureIntroNesting(html).html).toBe(INTRO_MAX_HTML_NESTING);
    expect(renderIntroHtml(`${blocks}\n\n${html}`)).toContain("<blockquote>");
  });

  it("does not count closed elements, void elements or optional end tags as nesting", () => {
    const table = `<table>${"<tr><td>a<td>b".repeat(50)}</table>`;
    const closed = "<p><b>a</b></p>\n".repeat(100);
    const voids = '<img src="https://x.test/a.png"><br>'.repeat(100);
    const items = `<ul>${"<li>a".repeat(100)}</ul>`;
    for (const markdown of [table, closed, voids, items]) expect(measureIntroNesting(markdown).html).toBeLessThan(5);
  });

  it("measures ordinary intros as shallow", () => {
    const intro = [
      "## About",
      "",
      "- one",
      "  - two",
      "    1. three",
      "       > four",
      "",
      "```yaml",
      "a:",
      "  - b",
      "```",
      "",
      '<p align="center"><a href="https://x.test"><img src="https://x.test/b.svg" width="100"></a></p>',
      "",
      "---",
    ].join("\n");
    expect(measureIntroNesting(intro)).toEqual({ blocks: 4, html: 2 });
  });
});

describe("escapedIntroHtml", () => {
  it("shows the text as written, with nothing for a browser to interpret", () => {
    expect(escapedIntroHtml("<img src=x onerror=\"alert(1)\"> & 'q'")).toBe(
      "<pre>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;q&#39;</pre>",
    );
    expect(escapedIntroHtml(" \n")).toBe("");
  });
});
