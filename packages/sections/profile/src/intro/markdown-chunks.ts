/**
 * An intro's Markdown cut into top-level chunks: runs of lines that hold whole top-level
 * blocks (a paragraph, a heading, a whole list, a fenced code block, an HTML block…),
 * with the exact text between them. Joining `lead`, each chunk's `before` and `source`,
 * and `trail` gives the text back byte for byte, which is what lets the visual editor
 * write back every chunk the user did not touch exactly as it was written.
 *
 * The cut is line-based and errs on the side of bigger chunks: a blank line ends a chunk
 * unless it is inside a fenced code block or an HTML block that runs to an end marker, or
 * the next line continues a list, a footnote or indented code (indented, or another item).
 * A chunk too big is harmless (it holds several blocks); a cut inside a block is not, and
 * the cases that could cause one (fences in lists and quotes, lazy lines) are kept whole.
 */

export interface MarkdownChunk {
  /** The chunk's text, from the first character of its first line to the end of its last line. */
  source: string;
  /** The text between the previous chunk (or `lead`) and this one: a line break and blank lines. */
  before: string;
}

export interface ChunkedMarkdown {
  /** Blank lines before the first chunk. */
  lead: string;
  chunks: MarkdownChunk[];
  /** The text after the last chunk: its line break and blank lines. */
  trail: string;
}

const BLANK = /^[ \t]*\r?$/;
/** A fence opening, also behind quote and list markers (` ```ts`, `> ~~~`, `- ```). */
const FENCE_OPEN = /^(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*(`{3,}|~{3,})/;
/** HTML blocks that run to an end marker rather than to a blank line (CommonMark kinds 1 to 5). */
const HTML_TO_MARKER: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|\r?$)/;
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^[^\]\s]+\]:/;
const INDENTED_CODE = /^(?: {4}|\t)/;

/** Whether `line` closes a fence opened with `marker` (same character, at least as long). */
function closesFence(line: string, marker: string): boolean {
  const rest = line.replace(/^(?:[ \t]*>)*[ \t]*/, "");
  const char = marker[0]!;
  let n = 0;
  while (rest[n] === char) n++;
  return n >= marker.length && rest.slice(n).trim() === "";
}

export function chunkMarkdown(markdown: string): ChunkedMarkdown {
  const lines = markdown.split("\n");
  const chunks: MarkdownChunk[] = [];
  let i = 0;
  /** Index in `markdown` of the start of line `i`. */
  let offset = 0;
  const starts: number[] = [];
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const startOf = (line: number) => (line < lines.length ? starts[line]! : markdown.length);
  /** Where line `line` ends (before its line break). */
  const endOf = (line: number) => starts[line]! + lines[line]!.length;

  let previousEnd = 0;
  let lead = "";
  while (i < lines.length) {
    while (i < lines.length && BLANK.test(lines[i]!)) i++;
    if (i >= lines.length) break;
    const first = i;
    const firstLine = lines[first]!;
    const continuesAfterBlank =
      LIST_ITEM.test(firstLine) || FOOTNOTE_DEFINITION.test(firstLine)
        ? (next: string) => /^[ \t]/.test(next) || LIST_ITEM.test(next)
        : INDENTED_CODE.test(firstLine)
          ? (next: string) => INDENTED_CODE.test(next)
          : () => false;
    let last = first;
    for (;;) {
      const line = lines[i]!;
      const html = HTML_TO_MARKER.find(([open]) => open.test(line));
      const fence = FENCE_OPEN.exec(line);
      if (html) {
        // Runs to the line holding its end marker (which may be this one).
        while (i < lines.length && !html[1].test(lines[i]!)) i++;
      } else if (fence) {
        const marker = fence[1]!;
        i++;
        while (i < lines.length && !closesFence(lines[i]!, marker)) i++;
      }
      last = Math.min(i, lines.length - 1);
      i = last + 1;
      if (i >= lines.length) break;
      if (!BLANK.test(lines[i]!)) continue;
      // A blank line: the chunk goes on only if the next text line continues it.
      let next = i;
      while (next < lines.length && BLANK.test(lines[next]!)) next++;
      if (next < lines.length && continuesAfterBlank(lines[next]!)) {
        i = next;
        continue;
      }
      break;
    }
    const start = startOf(first);
    const before = markdown.slice(previousEnd, start);
    if (chunks.length === 0) lead = before;
    chunks.push({ source: markdown.slice(start, endOf(last)), before: chunks.length === 0 ? "" : before });
    previousEnd = endOf(last);
    i = last + 1;
  }
  if (chunks.length === 0) return { lead: "", chunks: [], trail: markdown };
  return { lead, chunks, trail: markdown.slice(previousEnd) };
}

/** The text `chunkMarkdown` was given, from its parts. */
export function joinChunks({ lead, chunks, trail }: ChunkedMarkdown): string {
  return lead + chunks.map((chunk) => chunk.before + chunk.source).join("") + trail;
}
