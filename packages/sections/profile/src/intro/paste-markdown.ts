/**
 * Pasting Markdown into the visual editor. BlockNote's own paste turns Markdown into blocks
 * and drops what blocks cannot hold: a badge (`[![alt](img)](href)`) lost its link. When the
 * pasted text has such parts, it is pasted as the editor loads an intro (intro-document.ts):
 * blocks where they render the same, `markdown` blocks (kept as written) elsewhere.
 */
import type { BlockNoteEditor } from "@blocknote/core";
import { MARKDOWN_BLOCK, planIntro } from "./intro-document";
import type { introSchema } from "./intro-schema";

type IntroEditor = BlockNoteEditor<
  typeof introSchema.blockSchema,
  typeof introSchema.inlineContentSchema,
  typeof introSchema.styleSchema
>;

interface PasteContext {
  event: ClipboardEvent;
  editor: IntroEditor;
  defaultPasteHandler: (context?: {
    prioritizeMarkdownOverHTML?: boolean;
    plainTextAsMarkdown?: boolean;
  }) => boolean | undefined;
}

/** The paste handler for the intro's editor (BlockNote's `pasteHandler` option). */
export function pasteKeepingMarkdown({ event, editor, defaultPasteHandler }: PasteContext): boolean | undefined {
  const data = event.clipboardData;
  if (!data || data.types.includes("blocknote/html") || data.types.includes("Files")) return defaultPasteHandler();
  const text = data.getData("text/markdown") || data.getData("text/plain");
  const cursor = editor.getTextCursorPosition();
  // In a code block, text is text.
  if (text.trim() === "" || cursor.block.type === "codeBlock") return defaultPasteHandler();
  const plan = planIntro(editor, text);
  if (!plan.chunks.some((chunk) => chunk.raw)) return defaultPasteHandler();

  const blocks = plan.chunks.flatMap((chunk) => chunk.blocks);
  const here = cursor.block;
  const emptyHere =
    here.type === "paragraph" && Array.isArray(here.content) && here.content.length === 0 && here.children.length === 0;
  const inserted = emptyHere
    ? editor.replaceBlocks([here], blocks).insertedBlocks
    : editor.insertBlocks(blocks, here, "after");
  const last = inserted[inserted.length - 1];
  if (!last) return true;
  // The caret goes after the pasted text, into a paragraph (a kept block takes no caret).
  const next = editor.getNextBlock(last);
  const typable = next && next.type !== MARKDOWN_BLOCK && next.type !== "table" && next.type !== "image";
  const target = typable ? next : editor.insertBlocks([{ type: "paragraph" }], last, "after")[0];
  if (target) editor.setTextCursorPosition(target, "start");
  return true;
}
