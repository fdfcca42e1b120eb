import type { SettingsSection } from "@homebase/settings-kit";
import type { ComponentType } from "react";

/*
 * Which section pages' code has arrived. A module with no dependencies of its own: the shell's
 * entry and the lazily loaded mobile menu both reach it, and a heavier module reached from both
 * made the bundler split the shell's initial code into many more chunks.
 */

/**
 * Section pages whose code has arrived. They render without suspending: a React.lazy page
 * suspends at least once even when its module is already here, and React holds a revealed
 * Suspense boundary back by up to 300 ms, which is what a section opened directly paid.
 */
const loadedPages = new Map<string, ComponentType>();

/** The section's page component if its code has arrived. */
export function loadedSection(section: SettingsSection): ComponentType | undefined {
  return loadedPages.get(section.id);
}

/** Downloads a section's code and remembers its page. */
export function loadSection(section: SettingsSection): Promise<{ default: ComponentType }> {
  return section.load().then((module) => {
    loadedPages.set(section.id, module.default);
    return module;
  });
}

/** Starts downloading a section's code (the page opened directly, a link about to be followed). */
export function preloadSection(section: SettingsSection): void {
  if (loadedPages.has(section.id)) return;
  // A failure here is left to the section's error boundary, which makes its own attempt.
  loadSection(section).catch(() => {});
}
