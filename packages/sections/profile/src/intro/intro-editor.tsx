/**
 * The intro editor: BlockNote (a WYSIWYG block editor) with Markdown in and out, and a
 * plain Markdown tab for what blocks cannot hold. This module is only ever loaded through
 * React.lazy (see intro-card.tsx), so BlockNote, ProseMirror and their CSS stay out of the
 * shell's bundle and out of the profile section's own chunk.
 */
import "@blocknote/mantine/blocknoteStyles.css";
import { BlockNoteEditor, type PartialBlock } from "@blocknote/core";
import { BlockNoteView, darkDefaultTheme, lightDefaultTheme, type Theme } from "@blocknote/mantine";
import { useCreateBlockNote } from "@blocknote/react";
import { SettingsCard } from "@homebase/ui";
import { Alert, Box, Button, Group, SegmentedControl, Text, Textarea, VisuallyHidden } from "@mantine/core";
import { useEffect, useId, useRef, useState } from "react";
import { introBlocks, introEditorHtml } from "./editor-input";
import { INTRO_CARD } from "./intro-card-text";
import classes from "./intro-editor.module.css";
import { IntroEditorMenus } from "./intro-editor-ui";
import { introSchema } from "./intro-schema";
import { INTRO_MAX_LENGTH, visualEditorLoses } from "./markdown-support";

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

/**
 * Blocks for a Markdown text, parsed by an editor that is never shown (so loading is not an
 * undo step), from HTML sanitized with the server's allowlist (editor-input.ts).
 */
function blocksOf(markdown: string): PartialBlock<typeof introSchema.blockSchema>[] | undefined {
  const blocks = introBlocks(BlockNoteEditor.create({ schema: introSchema }), markdown);
  return blocks.length > 0 ? blocks : undefined;
}

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
  const start = draft ?? saved;
  const [mode, setMode] = useState<Mode>(() =>
    visualEditorLoses(start) || introEditorHtml(start) === null ? "markdown" : "visual",
  );
  /** The Markdown as saved (or restored) or as last written in the Markdown tab. */
  const [text, setText] = useState(start);
  /** Whether the visual document was edited since it was last loaded from `text`. */
  const [visualEdited, setVisualEdited] = useState(false);

  const editor = useCreateBlockNote(
    {
      schema: introSchema,
      initialContent: blocksOf(start),
      domAttributes: { editor: { "aria-label": "Intro", "aria-describedby": helpId } },
    },
    [],
  );
  const source = useRef<HTMLTextAreaElement>(null);
  const initialMode = useRef(mode);
  // Opening the editor puts the caret in it (switching modes leaves focus on the mode switch).
  useEffect(() => {
    if (initialMode.current === "visual") editor.focus();
    else source.current?.focus();
  }, [editor]);

  /** The Markdown `text` the visual document was loaded from, and that document serialized right after. */
  const loaded = useRef<{ from: string; serialized: string } | null>(null);
  if (loaded.current === null) loaded.current = { from: start, serialized: editor.blocksToMarkdownLossy() };

  const current = (): string => (mode === "visual" && visualEdited ? editor.blocksToMarkdownLossy() : text);
  const markdown = current();
  const changed = markdown !== saved;
  const tooLong = markdown.length > INTRO_MAX_LENGTH;
  const loses = visualEditorLoses(mode === "markdown" ? text : start);

  const switchTo = (next: Mode) => {
    if (next === mode) return;
    const state = loaded.current!;
    if (next === "markdown") {
      if (visualEdited) {
        const written = editor.blocksToMarkdownLossy();
        setText(written);
        loaded.current = { from: written, serialized: written };
      }
    } else if (text !== state.from) {
      const blocks = introBlocks(editor, text);
      editor.replaceBlocks(editor.document, blocks.length > 0 ? blocks : [{ type: "paragraph" }]);
      loaded.current = { from: text, serialized: editor.blocksToMarkdownLossy() };
    }
    setVisualEdited(false);
    setMode(next);
  };

  return (
    <SettingsCard
      title={INTRO_CARD.title}
      description={INTRO_CARD.description}
      onSave={() => {
        if (!tooLong) onSave(current());
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
      {loses && (
        <Alert
          color="yellow"
          variant="light"
          title="Some of this intro is HTML or linked images"
          // Mantine's yellow title on its light yellow fails AA contrast; the text colour passes in both schemes.
          styles={{ title: { color: "var(--mantine-color-text)" } }}
        >
          {mode === "markdown"
            ? "Badges and other HTML cannot be shown in the visual editor, so this intro opens as Markdown. They are kept as they are."
            : "The visual editor cannot keep HTML or images inside links (badges). Switch to Markdown to keep them."}
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
              const written = editor.blocksToMarkdownLossy();
              const edited = written !== loaded.current?.serialized;
              setVisualEdited(edited);
              onDraft?.(edited ? written : loaded.current!.from);
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
