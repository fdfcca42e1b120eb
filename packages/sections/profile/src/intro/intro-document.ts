/**
 * Markdown ↔ the visual editor's blocks without rewriting what the user did not change.
 *
 * BlockNote's Markdown export is lossy (it has no linked images, no HTML, no titles, no
 * table alignment…) and normalises the rest (`-` lists become `*`, `_em_` becomes `*em*`).
 * So the intro is cut into top-level chunks (markdown-chunks.ts) and each chunk becomes:
 *
 * - blocks, when BlockNote's Markdown for those blocks renders exactly as the chunk does
 *   with the server's renderer (core `renderIntroHtml`, the one the public profile uses);
 * - otherwise one `markdown` block holding the chunk's text as written, shown rendered
 *   (markdown-block.tsx) and edited as Markdown.
 *
 * Writing the document back ({@link serializeIntro}) gives every chunk whose blocks are
 * unchanged its original text (and the original text between chunks), `markdown` blocks
 * their source, and only blocks the user changed or added BlockNote's Markdown. Switching
 * Markdown → Visual → Markdown is therefore the identity, and typing in one paragraph
 * rewrites that paragraph alone, in a form that renders the same.
 */
import type { BlockNoteEditor, PartialBlock } from "@blocknote/core";
import { renderIntroHtml } from "@homebase/core/intro";
import { introBlocks } from "./editor-input";
import type { introSchema } from "./intro-schema";
import { chunkMarkdown } from "./markdown-chunks";

/** The block type that holds Markdown the visual editor has no blocks for. */
export const MARKDOWN_BLOCK = "markdown" as const;

// biome-ignore lint/suspicious/noExplicitAny: the intro editor, or a plain one in tests
type AnyEditor = BlockNoteEditor<any, any, any>;
type IntroPartialBlock = PartialBlock<typeof introSchema.blockSchema>;
interface AnyBlock {
  id: string;
  type: string;
  props: Record<string, unknown>;
}

export interface PlannedChunk {
  source: string;
  /** The text between the previous chunk and this one. */
  before: string;
  /** Kept as a `markdown` block (true) or edited as blocks. */
  raw: boolean;
  /** The chunk's top-level blocks, with ids. */
  blocks: IntroPartialBlock[];
  /** BlockNote's Markdown for `blocks` (for a raw chunk, its source). */
  exported: string;
}

export interface IntroPlan {
  lead: string;
  trail: string;
  chunks: PlannedChunk[];
}

/** What a loaded document came from: the plan, and each chunk's blocks as the editor holds them. */
export interface IntroOrigin {
  /** The Markdown loaded. */
  from: string;
  plan: IntroPlan;
  /** Per chunk, its top-level blocks as JSON, right after loading. */
  snapshots: string[][];
}

let nextId = 0;
const idPrefix = Math.random().toString(36).slice(2, 8);
function newBlockId(): string {
  nextId += 1;
  return `intro-${idPrefix}-${nextId}`;
}

/** Definitions (links, footnotes) that other chunks may refer to. */
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/;

const BLOCK_TAGS = "p|li|ul|ol|h[1-6]|blockquote|table|thead|tbody|tr|td|th|hr|div|section|details|summary|pre|br";
const AROUND_BLOCK_TAG = new RegExp(`\\s*(</?(?:${BLOCK_TAGS})\\b[^>]*>)\\s*`, "gi");

/**
 * HTML as a browser lays it out: runs of white space outside `<pre>` are one space, and
 * none is kept next to block-level tags.
 */
function layoutHtml(html: string): string {
  return html
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\s+/g, " ").replace(AROUND_BLOCK_TAG, "$1")))
    .join("")
    .trim();
}

/** The server's rendering of `markdown` with `definitions` after it, or null when it cannot be rendered. */
function rendered(markdown: string, definitions: string): string | null {
  try {
    return layoutHtml(renderIntroHtml(definitions ? `${markdown}\n\n${definitions}` : markdown));
  } catch {
    return null;
  }
}

/** Whether two Markdown texts render the same with the server's renderer. */
export function rendersTheSame(a: string, b: string, definitions = ""): boolean {
  const html = rendered(a, definitions);
  return html !== null && html === rendered(b, definitions);
}

/** A `markdown` block for text the visual editor keeps as written. */
export function markdownBlock(source: string): IntroPartialBlock {
  return { id: newBlockId(), type: MARKDOWN_BLOCK, props: { source } } as IntroPartialBlock;
}

/** Definitions (links, footnotes) in the chunks, which any chunk may refer to. */
function definitionsOf(chunks: { source: string }[]): string {
  return chunks
    .filter((chunk) => DEFINITION.test(chunk.source))
    .map((chunk) => chunk.source)
    .join("\n\n");
}

/** Blocks for one chunk, and whether they render as the chunk does. */
function blocksOfChunk(editor: AnyEditor, source: string, definitions: string) {
  const parsed = introBlocks(editor, source);
  const exported = parsed.length > 0 ? editor.blocksToMarkdownLossy(parsed) : "";
  // The same text renders the same: only text BlockNote writes differently is rendered to compare.
  const same = exported.replace(/\n+$/, "") === source || rendersTheSame(source, exported, definitions);
  return { parsed, exported, raw: parsed.length === 0 || !same };
}

/** The blocks for `markdown`, chunk by chunk ({@link PlannedChunk}). */
export function planIntro(editor: AnyEditor, markdown: string): IntroPlan {
  const { lead, chunks, trail } = chunkMarkdown(markdown);
  const definitions = definitionsOf(chunks);
  const planned = chunks.map(({ source, before }): PlannedChunk => {
    const { parsed, exported, raw } = blocksOfChunk(editor, source, definitions);
    if (raw) return { source, before, raw, blocks: [markdownBlock(source)], exported: source };
    return { source, before, raw, blocks: parsed.map((block) => ({ ...block, id: newBlockId() })), exported };
  });
  return { lead, trail, chunks: planned };
}

/**
 * The chunks of `markdown` the visual editor keeps as `markdown` blocks. `known` remembers
 * earlier answers by chunk (so asking on every keystroke works out only the chunk typed in).
 */
export function rawChunks(editor: AnyEditor, markdown: string, known?: Map<string, boolean>): string[] {
  const { chunks } = chunkMarkdown(markdown);
  const definitions = definitionsOf(chunks);
  return chunks
    .filter(({ source }) => {
      const key = `${definitions}\u0000${source}`;
      let raw = known?.get(key);
      if (raw === undefined) {
        raw = blocksOfChunk(editor, source, definitions).raw;
        known?.set(key, raw);
      }
      return raw;
    })
    .map((chunk) => chunk.source);
}

/** The plan's blocks, top to bottom. */
export function blocksOfPlan(plan: IntroPlan): IntroPartialBlock[] {
  return plan.chunks.flatMap((chunk) => chunk.blocks);
}

/** Records what the editor holds right after loading `plan` (call it once the blocks are in). */
export function originOf(editor: AnyEditor, from: string, plan: IntroPlan): IntroOrigin {
  const byId = new Map<string, unknown>((editor.document as AnyBlock[]).map((block) => [block.id, block]));
  return {
    from,
    plan,
    snapshots: plan.chunks.map((chunk) => chunk.blocks.map((block) => JSON.stringify(byId.get(block.id!) ?? null))),
  };
}

/** Loads `markdown` into the editor, replacing its document, and returns what it came from. */
export function loadIntro(editor: AnyEditor, markdown: string): IntroOrigin {
  const plan = planIntro(editor, markdown);
  const blocks = blocksOfPlan(plan);
  editor.replaceBlocks(editor.document, blocks.length > 0 ? blocks : [{ type: "paragraph" }]);
  return originOf(editor, markdown, plan);
}

export interface SerializedPiece {
  /** Where the piece's text starts and ends in the Markdown. */
  start: number;
  end: number;
  /** The top-level blocks it was written from. */
  blockIds: string[];
}

export interface SerializedIntro {
  markdown: string;
  pieces: SerializedPiece[];
}

const LIST_TYPES = new Set(["bulletListItem", "numberedListItem", "checkListItem"]);

/**
 * The editor's document as Markdown (see the module comment): unchanged chunks as written,
 * `markdown` blocks as their source, everything else as BlockNote writes it.
 */
export function serializeIntro(editor: AnyEditor, origin: IntroOrigin | null): SerializedIntro {
  const doc = editor.document as AnyBlock[];
  const chunks = origin?.plan.chunks ?? [];
  const position = new Map(doc.map((block, index) => [block.id, index]));

  /** Chunk index by the document position of its first block, for chunks left as they were loaded. */
  const intactAt = new Map<number, number>();
  chunks.forEach((chunk, k) => {
    const start = position.get(chunk.blocks[0]?.id ?? "");
    if (start === undefined) return;
    const same = chunk.blocks.every((block, j) => {
      const now = doc[start + j];
      if (now?.id !== block.id) return false;
      if (JSON.stringify(now) === origin!.snapshots[k]![j]) return true;
      return false;
    });
    const unchanged =
      same ||
      // Changed in ways Markdown does not show (an image's preview width, say): still as written.
      (!chunk.raw &&
        chunk.blocks.every((block, j) => doc[start + j]?.id === block.id) &&
        editor.blocksToMarkdownLossy(doc.slice(start, start + chunk.blocks.length)) === chunk.exported);
    if (unchanged) intactAt.set(start, k);
  });
  /** The intact chunk each document position belongs to. */
  const chunkAt = (): Map<number, number> => {
    const at = new Map<number, number>();
    for (const [start, k] of intactAt) for (let j = 0; j < chunks[k]!.blocks.length; j++) at.set(start + j, k);
    return at;
  };

  // A list item next to a list written elsewhere joins it: both are written again together,
  // so the Markdown has one list as the editor shows (two lists side by side as they were
  // loaded stay as they were).
  for (let changed = true; changed; ) {
    changed = false;
    const at = chunkAt();
    for (let p = 0; p + 1 < doc.length; p++) {
      const [a, b] = [doc[p]!, doc[p + 1]!];
      if (!LIST_TYPES.has(a.type) || a.type !== b.type) continue;
      const [ka, kb] = [at.get(p), at.get(p + 1)];
      if (ka === kb || (ka !== undefined && kb === ka + 1)) continue;
      for (const [start, k] of intactAt)
        if (k === ka || k === kb) {
          intactAt.delete(start);
          changed = true;
        }
      if (changed) break;
    }
  }

  const pieces: { text: string; chunk?: number; blockIds: string[] }[] = [];
  for (let p = 0; p < doc.length; ) {
    const k = intactAt.get(p);
    if (k !== undefined) {
      const length = chunks[k]!.blocks.length;
      pieces.push({ text: chunks[k]!.source, chunk: k, blockIds: doc.slice(p, p + length).map((b) => b.id) });
      p += length;
    } else if (doc[p]!.type === MARKDOWN_BLOCK) {
      const source = String(doc[p]!.props.source ?? "");
      if (source.trim() !== "") pieces.push({ text: source, blockIds: [doc[p]!.id] });
      p += 1;
    } else {
      const run: AnyBlock[] = [];
      while (p < doc.length && !intactAt.has(p) && doc[p]!.type !== MARKDOWN_BLOCK) run.push(doc[p++]!);
      const text = editor.blocksToMarkdownLossy(run as never).replace(/\s+$/, "");
      if (text.trim() !== "") pieces.push({ text, blockIds: run.map((b) => b.id) });
    }
  }

  if (pieces.length === 0) return { markdown: "", pieces: [] };
  let markdown = origin?.plan.lead ?? "";
  const placed: SerializedPiece[] = [];
  pieces.forEach((piece, i) => {
    const previous = pieces[i - 1];
    if (previous) {
      const adjacent = previous.chunk !== undefined && piece.chunk === previous.chunk + 1;
      markdown += adjacent ? chunks[piece.chunk!]!.before : "\n\n";
    }
    placed.push({ start: markdown.length, end: markdown.length + piece.text.length, blockIds: piece.blockIds });
    markdown += piece.text;
  });
  markdown += origin?.plan.trail ?? "";
  return { markdown, pieces: placed };
}
