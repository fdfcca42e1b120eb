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

/**
 * Blocks for the intro's Markdown, parsed by `editor` from the sanitized HTML
 * ({@link introEditorHtml}); an empty list when there is nothing to show or it cannot be
 * sanitized (the caller then offers the Markdown tab, a plain textarea).
 */
export function introBlocks(editor: AnyEditor, markdown: string): IntroBlocks {
  const html = introEditorHtml(markdown);
  if (html === null || html.trim() === "") return [];
  return editor.tryParseHTMLToBlocks(html) as IntroBlocks;
}
