import {
  BlockNoteSchema,
  createCodeBlockSpec,
  createHeadingBlockSpec,
  defaultBlockSpecs,
  defaultStyleSpecs,
} from "@blocknote/core";
import { createMarkdownBlockSpec } from "./markdown-block";

/**
 * The blocks and styles an intro can have: those that survive a trip through Markdown.
 * Video, audio and file blocks, toggle lists and toggle headings, underline and colours
 * have no Markdown form, so they are not offered (which also keeps them out of the `/`
 * menu and the toolbar). A code block has no language unless one is given (BlockNote's
 * default, "text", would be written into every fence). Markdown that has no blocks is a
 * `markdown` block, kept as written (markdown-block.tsx).
 */
const { audio: _audio, video: _video, file: _file, toggleListItem: _toggle, ...blockSpecs } = defaultBlockSpecs;
const { bold, italic, strike, code } = defaultStyleSpecs;

export const introSchema = BlockNoteSchema.create({
  blockSpecs: {
    ...blockSpecs,
    heading: createHeadingBlockSpec({ allowToggleHeadings: false }),
    codeBlock: createCodeBlockSpec({ defaultLanguage: "" }),
    markdown: createMarkdownBlockSpec(),
  },
  styleSpecs: { bold, italic, strike, code },
});
