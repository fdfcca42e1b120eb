import type { SettingsSection } from "@homebase/settings-kit";
import { ErrorBoundary, PageLoader, SectionHeader } from "@homebase/ui";
import { useQueryErrorResetBoundary } from "@tanstack/react-query";
import { type ComponentType, type LazyExoticComponent, lazy, Suspense, useRef, useState } from "react";
import { useDocumentTitle } from "../use-document-title";
import { loadedSection, loadSection } from "./section-code";

/**
 * One React.lazy per section and attempt, kept across visits so returning to a
 * section does not flash its loader. Retry after a failed download makes a
 * new attempt, because React.lazy remembers a rejected import forever.
 */
const lazyPages = new Map<string, LazyExoticComponent<ComponentType>>();

function lazyPage(section: SettingsSection, attempt: number) {
  const key = `${section.id}#${attempt}`;
  let page = lazyPages.get(key);
  if (!page) {
    page = lazy(() => loadSection(section));
    lazyPages.set(key, page);
  }
  return page;
}

/**
 * A section page: its title and description from the registry, then its own
 * code inside its own Suspense and error boundary, so a broken or slow
 * section never blanks the rest of the shell.
 */
export function SectionView({ section }: { section: SettingsSection }) {
  const [attempt, setAttempt] = useState(0);
  const { reset } = useQueryErrorResetBoundary();
  useDocumentTitle(`${section.title} · Settings · Homebase`);
  // Chosen once per attempt: switching from the lazy page to the loaded one on a later render
  // (the shell re-renders when a form reports unsaved changes) would remount the page and lose its state.
  const chosen = useRef<{ attempt: number; Page: ComponentType } | null>(null);
  if (chosen.current?.attempt !== attempt) {
    chosen.current = { attempt, Page: loadedSection(section) ?? lazyPage(section, attempt) };
  }
  const { Page } = chosen.current;
  return (
    <>
      <SectionHeader title={section.title} description={section.description} />
      <ErrorBoundary
        title={`${section.title} could not be shown`}
        onReset={() => {
          reset();
          setAttempt((n) => n + 1);
        }}
        onError={(error) => console.error(`Settings section "${section.id}" failed`, error)}
      >
        <Suspense fallback={<PageLoader label={`Loading ${section.title}…`} />}>
          <Page />
        </Suspense>
      </ErrorBoundary>
    </>
  );
}
