import { type CSSVariablesResolver, createTheme } from "@mantine/core";

/**
 * The Homebase theme. Shades are chosen so that text on every surface keeps a
 * WCAG AA contrast (4.5:1) in both schemes: Mantine's defaults put white on
 * blue-6 and gray-6 "dimmed" text on white, which axe reports.
 */
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 9, dark: 8 },
  defaultRadius: "md",
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: "600" },
  cursorType: "pointer",
  // Users who ask their system for reduced motion get no modal or toast transitions.
  respectReducedMotion: true,
  components: {
    Card: { defaultProps: { withBorder: true, radius: "md" } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
    // Toasts: a named close button, and description text in the AA-contrast "dimmed" colour.
    Notification: {
      defaultProps: { closeButtonProps: { "aria-label": "Dismiss notification" } },
      styles: { description: { color: "var(--mantine-color-dimmed)" } },
    },
  },
});

/** Overrides of Mantine's colour variables for contrast (see `theme`). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "#646b72",
    "--mantine-color-error": "var(--mantine-color-red-9)",
    "--mantine-color-placeholder": "#737a81",
  },
  dark: {
    "--mantine-color-dimmed": "#a0a0a0",
    "--mantine-color-error": "var(--mantine-color-red-5)",
    "--mantine-color-placeholder": "#8c8c8c",
  },
});
