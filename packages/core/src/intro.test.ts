import { readFileSync } from "node:fs";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { renderIntroHtml } from "./intro";

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
