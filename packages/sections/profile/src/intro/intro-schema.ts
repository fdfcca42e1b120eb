import { BlockNoteSchema, createHeadingBlockSpec, defaultBlockSpecs, defaultStyleSpecs } from "@blocknote/core";

/**
 * The blocks and styles an intro can have: those that survive a trip through Markdown.
 * Video, audio and file blocks, toggle lists and toggle headings, underline and colours
 * have no Markdown form, so they are not offered (which also keeps them out of the `/`
 * menu and the toolbar).
 */
const { audio: _audio, video: _video, file: _file, toggleListItem: _toggle, ...blockSpecs } = defaultBlockSpecs;
const { bold, italic, strike, code } = defaultStyleSpecs;

export const introSchema = BlockNoteSchema.create({
  blockSpecs: { ...blockSpecs, heading: createHeadingBlockSpec({ allowToggleHeadings: false }) },
  styleSpecs: { bold, italic, strike, code },
});
