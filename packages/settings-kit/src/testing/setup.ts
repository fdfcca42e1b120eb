/**
 * The setup file of the kit's Vitest preset (`@homebase/settings-kit/vitest`): what jsdom lacks for
 * Mantine and BlockNote, and a clean slate after each test (DOM, stubbed globals, toasts).
 */
import { cleanNotifications } from "@mantine/notifications";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// jsdom renders Mantine slowly on small CI machines: give findBy*/waitFor more than the default second.
configure({ asyncUtilTimeout: 5000 });

// jsdom lacks the layout APIs Mantine reads.
if (!window.matchMedia) {
  Object.defineProperty(window, "matchMedia", {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}
if (!("ResizeObserver" in window)) {
  class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, "ResizeObserver", { writable: true, value: ResizeObserver });
}
window.scrollTo = () => {};
// axe-core asks for a canvas context; jsdom has none (null: axe skips what needs it, without jsdom's warning).
HTMLCanvasElement.prototype.getContext = () => null;
Element.prototype.scrollIntoView ??= () => {};
// Nor the font-loading API that Mantine's autosize Textarea listens to.
if (!("fonts" in document)) {
  Object.defineProperty(document, "fonts", {
    configurable: true,
    value: { addEventListener: () => {}, removeEventListener: () => {}, status: "loaded", ready: Promise.resolve() },
  });
}

afterEach(() => {
  cleanup();
  cleanNotifications();
  vi.unstubAllGlobals();
});
