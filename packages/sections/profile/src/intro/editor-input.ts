/**
 * What the visual intro editor is loaded from. BlockNote turns Markdown into HTML keeping raw
 * HTML as written (`<img src=x onerror=…>` included) and then parses that HTML, so the stored
 * intro is first put through the server's allowlist here, with parse5 (no DOM), before any
 * DOM, detached or live, sees it. Only loaded with the editor (intro-editor.tsx is lazy).
 */
import { type BlockNoteEditor, markdownToHTML, type PartialBlock } from "@blocknote/core";
import { INTRO_EDITOR_SANITIZE_SCHEMA, sanitizeIntroHtml } from "@homebase/core/intro-sanitize";
import type { introSchema } from "./intro-schema";

type IntroBlocks = PartialBlock<typeof introSchema.blockSchema>[];
// biome-ignore lint/suspicious/noExplicitAny: any BlockNote editor parses HTML the same way
type AnyEditor = BlockNoteEditor<any, any, any>;

/**
 * The intro's Markdown as BlockNote renders it, sanitized with the server's allowlist
 * (`INTRO_EDITOR_SANITIZE_SCHEMA`: core's `INTRO_SANITIZE_SCHEMA` plus `data-language` on
 * code, which BlockNote uses for a code block's language). Null when the text cannot be
 * sanitized (it nests thousands of levels deep and exhausts the call stack).
 */
export function introEditorHtml(markdown: string): string | null {
  try {
    return sanitizeIntroHtml(markdownToHTML(markdown), INTRO_EDITOR_SANITIZE_SCHEMA);
  } catch {
    return null;
  }
}

/** Marks a hard line break while BlockNote turns the Markdown into HTML (a private-use character). */
const HARD_BREAK = "\uE000";
/** Fenced code, whose line ends are not breaks. */
const FENCED_CODE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm;

/**
 * BlockNote turns every line break inside a paragraph into `<br>`, the soft ones (a
 * paragraph wrapped over several lines, which renders as one line) as well as the hard
 * ones (two spaces or `\` at the end of the line), and would write them all back as hard
 * breaks. So hard breaks are marked in the Markdown first, and in the HTML the unmarked
 * `<br>` become the space a soft break renders as.
 */
function softBreaksAsSpaces(markdown: string, toHtml: (marked: string) => string | null): string | null {
  const marked = markdown
    .split(new RegExp(`(${FENCED_CODE.source})`, "m"))
    .map((part, i) =>
      // split() with a capturing group interleaves the fences (and their inner group).
      i % 3 === 0 ? part.replace(/(?: {2,}|\\)\n/g, (brk) => `${brk.slice(0, -1)}${HARD_BREAK}\n`) : part,
    )
    .filter((_, i) => i % 3 !== 2)
    .join("");
  const html = toHtml(marked);
  if (html === null) return null;
  return html
    .replace(new RegExp(`(?: {2,}|\\\\)?${HARD_BREAK}<br\\s*/?>\\n?`, "g"), "\uE001")
    .replace(/<br\s*\/?>\n?/g, " ")
    .replace(/\uE001/g, "<br>")
    .replace(new RegExp(HARD_BREAK, "g"), "");
}

/**
 * Blocks for the intro's Markdown, parsed by `editor` from the sanitized HTML
 * ({@link introEditorHtml}); an empty list when there is nothing to show or it cannot be
 * sanitized (the caller then offers the Markdown tab, a plain textarea).
 */
export function introBlocks(editor: AnyEditor, markdown: string): IntroBlocks {
  const html = softBreaksAsSpaces(markdown, introEditorHtml);
  if (html === null || html.trim() === "") return [];
  return editor.tryParseHTMLToBlocks(html) as IntroBlocks;
}
