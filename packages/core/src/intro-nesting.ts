/**
 * A cheap, linear-time bound on how deeply an intro nests, checked before the Markdown is
 * parsed. The renderer (micromark → mdast → hast → parse5 → sanitize → stringify) recurses
 * once or more per level, so nesting alone can exhaust the call stack or take seconds; the
 * figures measured on 2 cores (Node 20) were:
 *
 * - `">".repeat(4000)`, `"- ".repeat(2000) + "a"`, `"<div>".repeat(4000)`: "Maximum call
 *   stack size exceeded" (the API answered 500);
 * - `"- ".repeat(1000) + "a"`: about 2 s, `"- ".repeat(9999) + "a"`: about 70 s;
 * - 32 levels of lists or quotes on one line: under 30 ms.
 *
 * 32 levels is far above anything an intro needs (markdown-it, for comparison, stops at 100
 * levels by default and 20 in its CommonMark preset) and 30 times below the first stack
 * overflow. The check overestimates rather than underestimates: it never parses, so it may
 * count a nesting-looking line inside a code block, but never misses real nesting.
 *
 * Depth alone does not bound the time (thousands of shallow nested list items take seconds
 * too), which is why the API also renders in a worker thread with a time limit.
 */

/** The most levels of block quotes and lists (together, on one line) an intro may nest. */
export const INTRO_MAX_BLOCK_NESTING = 32;
/** The most HTML elements an intro may have open at once. */
export const INTRO_MAX_HTML_NESTING = 32;

export type IntroNestingKind = "blocks" | "html";

export interface IntroNesting {
  /** Deepest nesting of block quotes and list items (`>`, `-`, `*`, `+`, `1.`, `1)`), counted per line. */
  blocks: number;
  /** Most HTML elements open at once over the whole text (void elements and optional end tags aware). */
  html: number;
}

/** An intro that nests deeper than the renderer takes; `code` is what the API maps to a 422. */
export class IntroTooDeeplyNestedError extends Error {
  readonly code = "intro_too_deeply_nested" as const;
  constructor(
    readonly kind: IntroNestingKind,
    /** The depth measured, at least `limit + 1` (the scan stops there). */
    readonly depth: number,
    readonly limit: number,
  ) {
    super(
      kind === "blocks"
        ? `The intro is too deeply nested: quotes and lists may nest at most ${limit} levels deep.`
        : `The intro is too deeply nested: HTML elements may nest at most ${limit} levels deep.`,
    );
    this.name = "IntroTooDeeplyNestedError";
  }
}

const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);

/** Elements whose end tag may be left out: opening one closes an open sibling of these names. */
const IMPLIED_END: Record<string, ReadonlySet<string>> = {
  li: new Set(["li"]),
  p: new Set(["p"]),
  dt: new Set(["dt", "dd"]),
  dd: new Set(["dt", "dd"]),
  td: new Set(["td", "th"]),
  th: new Set(["td", "th"]),
  tr: new Set(["tr", "td", "th"]),
  option: new Set(["option"]),
  thead: new Set(["thead", "tbody", "tfoot", "tr", "td", "th"]),
  tbody: new Set(["thead", "tbody", "tfoot", "tr", "td", "th"]),
  tfoot: new Set(["thead", "tbody", "tfoot", "tr", "td", "th"]),
};

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^<>]*>/g;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

/** Deepest run of container markers at the start of one line, with indentation counted as 2 columns a level. */
function lineBlockDepth(line: string, stopAt: number): number {
  let depth = 0;
  let i = 0;
  let indent = 0;
  let first = true;
  while (i < line.length && depth <= stopAt) {
    let columns = 0;
    while (i < line.length && (line[i] === " " || line[i] === "\t")) {
      columns = line[i] === "\t" ? columns + 4 - (columns % 4) : columns + 1;
      i += 1;
    }
    if (first) indent = columns;
    first = false;
    if (line[i] === ">") {
      depth += 1;
      i += 1;
      continue;
    }
    const marker = LIST_MARKER.exec(line.slice(i, i + 11));
    if (!marker) break;
    depth += 1;
    i += marker[0].length;
  }
  // Indentation nests a line under the previous list item, but only a marker can open a new level.
  return depth === 0 ? 0 : depth + Math.floor(indent / 2);
}

/**
 * How deeply `markdown` nests, measured without parsing in O(length) time (a scan stops as
 * soon as `stopAt` is passed, so the result is at most `stopAt + 1` plus one line's markers).
 */
export function measureIntroNesting(markdown: string, stopAt = Number.POSITIVE_INFINITY): IntroNesting {
  let blocks = 0;
  for (const line of markdown.split(/\r\n?|\n/)) {
    blocks = Math.max(blocks, lineBlockDepth(line, stopAt));
    if (blocks > stopAt) break;
  }

  let html = 0;
  const open: string[] = [];
  for (const match of markdown.matchAll(TAG)) {
    const name = match[2]!.toLowerCase();
    if (match[1] === "/") {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
      continue;
    }
    if (VOID_ELEMENTS.has(name)) continue;
    const closes = IMPLIED_END[name];
    while (closes && open.length > 0 && closes.has(open[open.length - 1]!)) open.pop();
    open.push(name);
    html = Math.max(html, open.length);
    if (html > stopAt) break;
  }
  return { blocks, html };
}

/**
 * Throws {@link IntroTooDeeplyNestedError} when `markdown` nests quotes and lists deeper than
 * {@link INTRO_MAX_BLOCK_NESTING} or HTML elements deeper than {@link INTRO_MAX_HTML_NESTING}.
 * Linear in the length; safe to run on the event loop before any parser sees the text.
 */
export function assertIntroNesting(markdown: string): void {
  const limit = Math.max(INTRO_MAX_BLOCK_NESTING, INTRO_MAX_HTML_NESTING);
  const { blocks, html } = measureIntroNesting(markdown, limit);
  if (blocks > INTRO_MAX_BLOCK_NESTING) throw new IntroTooDeeplyNestedError("blocks", blocks, INTRO_MAX_BLOCK_NESTING);
  if (html > INTRO_MAX_HTML_NESTING) throw new IntroTooDeeplyNestedError("html", html, INTRO_MAX_HTML_NESTING);
}
