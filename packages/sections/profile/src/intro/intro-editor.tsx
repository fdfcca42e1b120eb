/**
 * The intro editor: BlockNote (a WYSIWYG block editor) with Markdown in and out, and a
 * plain Markdown tab. What blocks cannot hold (badges, sized images, HTML…) stays in the
 * visual editor as `markdown` blocks, rendered and kept as written, and parts the user did
 * not change are written back exactly as they were (intro-document.ts). This module is only ever loaded through
 * React.lazy (see intro-card.tsx), so BlockNote, ProseMirror and their CSS stay out of the
 * shell's bundle and out of the profile section's own chunk.
 */
import "@blocknote/mantine/blocknoteStyles.css";
import { BlockNoteEditor } from "@blocknote/core";
import { BlockNoteView, darkDefaultTheme, lightDefaultTheme, type Theme } from "@blocknote/mantine";
import { useCreateBlockNote } from "@blocknote/react";
import { SettingsCard } from "@homebase/ui";
import { Alert, Box, Button, Group, SegmentedControl, Text, Textarea, VisuallyHidden } from "@mantine/core";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { introEditorHtml } from "./editor-input";
import { INTRO_CARD } from "./intro-card-text";
import {
  blocksOfPlan,
  type IntroOrigin,
  loadIntro,
  MARKDOWN_BLOCK,
  originOf,
  planIntro,
  rawChunks,
  serializeIntro,
} from "./intro-document";
import classes from "./intro-editor.module.css";
import { IntroEditorMenus } from "./intro-editor-ui";
import { introSchema } from "./intro-schema";
import { editAsMarkdown } from "./markdown-block";
import { INTRO_MAX_LENGTH, visualEditorLoses } from "./markdown-support";
import { pasteKeepingMarkdown } from "./paste-markdown";

export interface IntroEditorProps {
  /** The saved Markdown. */
  markdown: string;
  saving: boolean;
  /** Why the last save failed (the API's detail), shown above the buttons. */
  error: string | null;
  onSave: (markdown: string) => void;
  onCancel: () => void;
  /** Where to start instead of the saved Markdown: a draft restored after a reload. */
  draft?: string;
  /** Each change of the Markdown being written (kept as a draft until saved or discarded). */
  onDraft?: (markdown: string) => void;
}

type Mode = "visual" | "markdown";

/** BlockNote's own themes, with the app's text colour and font on the card's background. */
function withAppSurface(theme: Theme): Theme {
  return {
    ...theme,
    colors: { ...theme.colors, editor: { text: "var(--mantine-color-text)", background: "transparent" } },
    fontFamily: "var(--mantine-font-family)",
  };
}
/** BlockNote picks one by the system's colour scheme, as the app itself does. */
const editorTheme = { light: withAppSurface(lightDefaultTheme), dark: withAppSurface(darkDefaultTheme) };

/** "One part of this intro has", "3 parts of this intro have". */
function parts(count: number): string {
  return count === 1 ? "One part of this intro has" : `${count} parts of this intro have`;
}

/** The Markdown kept as written (`markdown` blocks) in the visual document. */
function rawSources(editor: { document: { type: string; props: object }[] }): string[] {
  return editor.document
    .filter((block) => block.type === MARKDOWN_BLOCK)
    .map((block) => String((block.props as { source?: unknown }).source ?? ""));
}

export default function IntroEditor({
  markdown: saved,
  saving,
  error,
  onSave,
  onCancel,
  draft,
  onDraft,
}: IntroEditorProps) {
  const helpId = useId();
  const [start] = useState(() => draft ?? saved);
  /**
   * An editor that is never shown: it plans the first document (so loading is not an undo
   * step) and tells which parts of the Markdown tab's text have no blocks.
   */
  const [parser] = useState(() => BlockNoteEditor.create({ schema: introSchema }));
  const [plan] = useState(() => planIntro(parser, start));
  /** Per chunk of Markdown, whether it has no blocks (asked again on every keystroke in the Markdown tab). */
  const known = useRef(new Map<string, boolean>()).current;
  const [mode, setMode] = useState<Mode>(() =>
    plan.chunks.some((chunk) => chunk.raw) || introEditorHtml(start) === null ? "markdown" : "visual",
  );
  /** The Markdown as saved (or restored) or as last written in the Markdown tab. */
  const [text, setText] = useState(start);
  /** The visual document as Markdown; null while it is as it was loaded from `origin.from`. */
  const [visualText, setVisualText] = useState<string | null>(null);
  /** The `markdown` blocks' text in the visual document. */
  const [visualRaw, setVisualRaw] = useState<string[]>([]);

  const editor = useCreateBlockNote(
    {
      schema: introSchema,
      initialContent: plan.chunks.length > 0 ? blocksOfPlan(plan) : undefined,
      domAttributes: { editor: { "aria-label": "Intro", "aria-describedby": helpId } },
      pasteHandler: pasteKeepingMarkdown,
    },
    [],
  );
  /** What the visual document was loaded from (serializeIntro writes unchanged parts back as they were). */
  const origin = useRef<IntroOrigin | null>(null);
  if (origin.current === null) origin.current = originOf(editor, start, plan);

  const source = useRef<HTMLTextAreaElement>(null);
  /** Text to select in the Markdown tab once it shows ("Edit as Markdown"). */
  const selectOnShow = useRef<[number, number] | null>(null);
  const initialMode = useRef(mode);
  // Opening the editor puts the caret in it (switching modes leaves focus on the mode switch).
  useEffect(() => {
    if (initialMode.current === "visual") editor.focus();
    else source.current?.focus();
    setVisualRaw(rawSources(editor));
  }, [editor]);
  useEffect(() => {
    const range = selectOnShow.current;
    if (mode !== "markdown" || range === null || !source.current) return;
    selectOnShow.current = null;
    source.current.focus();
    source.current.setSelectionRange(range[0], range[1]);
  }, [mode]);

  const markdown = mode === "visual" ? (visualText ?? origin.current.from) : text;
  const changed = markdown !== saved;
  const tooLong = markdown.length > INTRO_MAX_LENGTH;
  /** The parts of the current Markdown the visual editor keeps as written. */
  const textRaw = useMemo(
    () => (mode === "markdown" ? rawChunks(parser, text, known) : []),
    [mode, parser, text, known],
  );
  const raw = mode === "markdown" ? textRaw : visualRaw;

  /** Shows the Markdown tab with `markdown`, and `range` of it selected. */
  const showMarkdown = (next: string, range: [number, number] | null) => {
    setText(next);
    selectOnShow.current = range;
    setVisualText(null);
    setMode("markdown");
  };

  const switchTo = (next: Mode) => {
    if (next === mode) return;
    if (next === "markdown") {
      showMarkdown(visualText ?? text, null);
      return;
    }
    if (text !== origin.current!.from) origin.current = loadIntro(editor, text);
    setVisualRaw(rawSources(editor));
    setVisualText(null);
    setMode("visual");
  };

  /** "Edit as Markdown" on a block kept as written: the Markdown tab, with that block's text selected. */
  const editBlockAsMarkdown = (blockId: string | undefined) => {
    const written = serializeIntro(editor, origin.current);
    const current = visualText ?? origin.current!.from;
    const piece = written.pieces.find((p) => blockId !== undefined && p.blockIds.includes(blockId));
    let range: [number, number] | null = piece ? [piece.start, piece.end] : null;
    if (range && written.markdown !== current) {
      // Not edited, but written slightly differently (white space only): find the block's text.
      const found = current.indexOf(written.markdown.slice(range[0], range[1]));
      range = found >= 0 ? [found, found + range[1] - range[0]] : null;
    }
    showMarkdown(current, range);
  };
  editAsMarkdown.set(editor, editBlockAsMarkdown);

  return (
    <SettingsCard
      title={INTRO_CARD.title}
      description={INTRO_CARD.description}
      onSave={() => {
        if (!tooLong) onSave(markdown);
      }}
      footer={
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm" c={tooLong ? "red" : "dimmed"} aria-live="polite">
            {tooLong
              ? `${markdown.length.toLocaleString("en-US")} of ${INTRO_MAX_LENGTH.toLocaleString("en-US")} characters: please shorten it.`
              : changed
                ? "Unsaved changes"
                : "No changes yet"}
          </Text>
          <Group gap="sm">
            <Button variant="default" size="sm" onClick={onCancel} disabled={saving}>
              Cancel
            </Button>
            <Button type="submit" size="sm" loading={saving} disabled={!changed || tooLong}>
              Save
            </Button>
          </Group>
        </Group>
      }
    >
      <Group justify="space-between" gap="sm" wrap="wrap">
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => switchTo(value as Mode)}
          data={[
            { value: "visual", label: "Visual" },
            { value: "markdown", label: "Markdown" },
          ]}
          aria-label="Editing mode"
        />
        <Text id={helpId} size="xs" c="dimmed" className={classes.help}>
          {mode === "visual" ? (
            <>
              Type <kbd>/</kbd> for headings, lists, quotes, code and images. Drag <span aria-hidden>⠿</span>
              <VisuallyHidden>the handle</VisuallyHidden> to move a block or click it to delete one; <kbd>Ctrl</kbd>+
              <kbd>Shift</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd> moves the current block. <kbd>Esc</kbd> then <kbd>Tab</kbd>{" "}
              leaves the editor.
            </>
          ) : (
            <>GitHub-flavoured Markdown. Badges can be written as links around images.</>
          )}
        </Text>
      </Group>
      {raw.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          title={
            raw.some(visualEditorLoses)
              ? "Some of this intro is HTML or linked images"
              : "Some of this intro has no visual form"
          }
          // Mantine's yellow title on its light yellow fails AA contrast; the text colour passes in both schemes.
          styles={{ title: { color: "var(--mantine-color-text)" } }}
        >
          {mode === "markdown" ? (
            `${parts(raw.length)} no visual form (badges, HTML, footnotes…). The visual editor shows ${raw.length === 1 ? "it" : "them"} as your public profile does and keeps ${raw.length === 1 ? "it" : "them"} exactly as written.`
          ) : (
            <Group justify="space-between" gap="sm" wrap="wrap">
              <Text size="sm" style={{ flex: "1 1 260px" }}>
                {parts(raw.length)} no visual form (badges, HTML, footnotes…): shown as your public profile shows{" "}
                {raw.length === 1 ? "it" : "them"}, kept exactly as written, changed as Markdown.
              </Text>
              <Button
                size="xs"
                variant="default"
                onClick={() => editBlockAsMarkdown(editor.document.find((b) => b.type === MARKDOWN_BLOCK)?.id)}
              >
                Edit as Markdown
              </Button>
            </Group>
          )}
        </Alert>
      )}
      {mode === "visual" ? (
        <Box className={classes.frame}>
          <BlockNoteView
            editor={editor}
            theme={editorTheme}
            sideMenu={false}
            formattingToolbar={false}
            onChange={() => {
              const written = serializeIntro(editor, origin.current).markdown;
              const edited = written !== origin.current!.from;
              setVisualText(edited ? written : null);
              setVisualRaw(rawSources(editor));
              onDraft?.(edited ? written : origin.current!.from);
            }}
            className={classes.editor}
          >
            <IntroEditorMenus />
          </BlockNoteView>
        </Box>
      ) : (
        <Textarea
          ref={source}
          label="Intro in Markdown"
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            onDraft?.(event.currentTarget.value);
          }}
          autosize
          minRows={10}
          maxRows={28}
          error={tooLong ? `At most ${INTRO_MAX_LENGTH.toLocaleString("en-US")} characters.` : undefined}
          classNames={{ input: classes.source }}
          spellCheck
        />
      )}
      {error && (
        <Alert color="red" variant="light" title="Could not save your intro" role="alert">
          {error}
        </Alert>
      )}
    </SettingsCard>
  );
}
