import { errorMessage, useUnsavedChanges } from "@homebase/settings-kit";
import { ErrorBoundary, ErrorFallback, PageLoader, SettingsCard } from "@homebase/ui";
import { Alert, Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import { type LazyExoticComponent, lazy, Suspense, useEffect, useRef, useState } from "react";
import { useSaveIntro } from "../use-profile";
import { clearEditIntroRequest, isEditIntroRequested } from "./edit-intro-link";
import { INTRO_CARD } from "./intro-card-text";
import { IntroContent } from "./intro-content";
import { clearIntroDraft, readIntroDraft, writeIntroDraft } from "./intro-draft";

type IntroEditorComponent = typeof import("./intro-editor").default;

/**
 * BlockNote is large: its code (and CSS) loads only when Edit is pressed. One React.lazy per
 * attempt, because a lazy component remembers a failed download forever and Retry must try again.
 */
const editors = new Map<number, LazyExoticComponent<IntroEditorComponent>>();
function lazyEditor(attempt: number): LazyExoticComponent<IntroEditorComponent> {
  let editor = editors.get(attempt);
  if (!editor) {
    editor = lazy(() => import("./intro-editor"));
    editors.set(attempt, editor);
  }
  return editor;
}

export interface IntroCardProps {
  username: string;
  /** The saved Markdown (`GET /me`). */
  markdown: string;
  /** The rendered intro from the owner's public profile; undefined while it loads. */
  introHtml: string | undefined;
  /** Why the rendered intro could not be loaded. */
  loadError: string | null;
  onRetry: () => void;
}

/** The intro as others see it, with Edit opening the block editor in its place. */
export function IntroCard({ username, markdown, introHtml: html, loadError, onRetry }: IntroCardProps) {
  // Opened from the public page's Edit button (…?edit=intro): start in the editor.
  const [requested] = useState(isEditIntroRequested);
  // A draft left by a reload or a closed tab: the editor opens with it.
  const [restored, setRestored] = useState(() => {
    const stored = readIntroDraft(username);
    return stored !== null && stored !== markdown ? stored : null;
  });
  const [editing, setEditing] = useState(requested || restored !== null);
  /** The Markdown being written; null until the editor reports a change. */
  const [draft, setDraft] = useState<string | null>(restored);
  /** Bumped to restart the editor from the saved intro when a restored draft is discarded. */
  const [editorKey, setEditorKey] = useState(0);
  const dirty = editing && draft !== null && draft !== markdown;
  useUnsavedChanges(dirty, { onDiscard: () => clearIntroDraft(username) });
  useEffect(() => {
    if (draft !== null && draft !== markdown) writeIntroDraft(username, draft);
    else if (draft !== null) clearIntroDraft(username);
  }, [username, draft, markdown]);
  const [attempt, setAttempt] = useState(0);
  const save = useSaveIntro(username);
  const anchor = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (requested) clearEditIntroRequest();
  }, [requested]);
  // The open editor goes to the top of the window: room to write, and for its menus below the caret.
  useEffect(() => {
    if (editing) anchor.current?.scrollIntoView({ block: "start" });
  }, [editing]);
  // Closing the editor puts focus back on Edit, so keyboard users keep their place.
  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);

  /** Saved, or cancelled (which discards the draft): either way the draft is gone. */
  const close = (saved: boolean) => {
    returnFocus.current = true;
    if (!saved) save.reset();
    clearIntroDraft(username);
    setDraft(null);
    setRestored(null);
    setEditing(false);
  };
  const discardRestored = () => {
    clearIntroDraft(username);
    setDraft(null);
    setRestored(null);
    setEditorKey((n) => n + 1);
  };

  if (editing) {
    const IntroEditor = lazyEditor(attempt);
    return (
      <div ref={anchor} id="intro" style={{ scrollMarginTop: 72 }}>
        <ErrorBoundary
          fallback={({ error }) => (
            <SettingsCard title={INTRO_CARD.title} description={INTRO_CARD.description}>
              <ErrorFallback
                title="The editor could not be loaded"
                error={error}
                onRetry={() => setAttempt((n) => n + 1)}
              />
              <Group>
                <Button variant="default" size="sm" onClick={() => close(false)}>
                  Back to the intro
                </Button>
              </Group>
            </SettingsCard>
          )}
          resetKeys={[attempt]}
        >
          <Suspense
            fallback={
              <SettingsCard title={INTRO_CARD.title} description={INTRO_CARD.description}>
                <PageLoader label="Loading the editor…" minHeight={220} />
              </SettingsCard>
            }
          >
            {restored !== null && (
              <Alert
                color="blue"
                variant="light"
                title="Restored your unsaved draft"
                mb="md"
                styles={{ title: { color: "var(--mantine-color-text)" } }}
              >
                <Group justify="space-between" gap="sm" wrap="wrap">
                  <Text size="sm">Your intro was not saved when you left. Save it, or go back to the saved intro.</Text>
                  <Button size="xs" variant="default" onClick={discardRestored}>
                    Discard draft
                  </Button>
                </Group>
              </Alert>
            )}
            <IntroEditor
              key={editorKey}
              markdown={markdown}
              draft={restored ?? undefined}
              onDraft={setDraft}
              saving={save.isPending}
              error={save.isError ? errorMessage(save.error) : null}
              onCancel={() => close(false)}
              onSave={(next) => save.mutate(next, { onSuccess: () => close(true) })}
            />
          </Suspense>
        </ErrorBoundary>
      </div>
    );
  }

  return (
    <div ref={anchor} id="intro" style={{ scrollMarginTop: 72 }}>
      <SettingsCard
        title={INTRO_CARD.title}
        description={INTRO_CARD.description}
        footer={
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text size="sm" c="dimmed" role="status">
              {save.isSuccess ? "Saved." : "Headings, lists, quotes, code, images and badges."}
            </Text>
            <Button
              ref={editButton}
              size="sm"
              variant="default"
              onClick={() => setEditing(true)}
              aria-label="Edit intro"
            >
              Edit
            </Button>
          </Group>
        }
      >
        {loadError ? (
          <ErrorFallback title="Could not show your intro" error={loadError} onRetry={onRetry} />
        ) : html === undefined ? (
          <Stack gap={8} aria-hidden>
            <Skeleton height={12} width="60%" />
            <Skeleton height={12} width="90%" />
            <Skeleton height={12} width="75%" />
          </Stack>
        ) : html === "" ? (
          <Text c="dimmed" size="sm">
            You have not written an intro yet. Tell people what you work on, link your papers, add badges.
          </Text>
        ) : (
          <IntroContent html={html} />
        )}
      </SettingsCard>
    </div>
  );
}
