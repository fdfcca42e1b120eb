import type { ComponentType } from "react";
import type { Viewer } from "./endpoints";

/** The navigation groups of the settings shell, in display order. */
export const SETTINGS_GROUPS = [
  "Account",
  "Access",
  "Notifications",
  "Integrations",
  "Usage",
  "Labs",
  "Danger zone",
] as const;

export type SettingsGroup = (typeof SETTINGS_GROUPS)[number];

/** What the shell knows when it decides which sections to show. */
export interface ShellContext {
  viewer: Viewer;
  /** Beta-feature key → enabled, for the viewer. */
  betaFeatures: Record<string, boolean>;
}

/**
 * A settings section: one micro-frontend, shipped as its own workspace package
 * and listed in `apps/web/src/sections.ts`.
 */
export interface SettingsSection {
  /** Stable identifier, e.g. "api-keys". */
  id: string;
  /** Shown in the navigation and as the page heading, e.g. "API keys". */
  title: string;
  /** One line shown under the title: what this section controls. */
  description: string;
  /** Relative path: "api-keys" → /settings/api-keys. */
  path: string;
  /** The navigation heading the section sits under. */
  group: SettingsGroup;
  /** Sort order inside its group (lower first). */
  order: number;
  /** Lazy-loads the page, e.g. `() => import("./page")`. */
  load: () => Promise<{ default: ComponentType }>;
  /** Hides the section for some viewers (e.g. default team with a single team). */
  visible?: (ctx: ShellContext) => boolean;
  /** Key of a beta feature that must be enabled for the section to show. */
  featureFlag?: string;
}

const PATH_SEGMENT = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Declares a settings section. Returns the definition unchanged after checking
 * the parts a typo would silently break (the path is used in URLs).
 */
export function defineSettingsSection(def: SettingsSection): SettingsSection {
  if (!PATH_SEGMENT.test(def.path)) {
    throw new Error(`Settings section "${def.id}": path "${def.path}" must be one lower-case URL segment`);
  }
  if (!def.title.trim() || !def.description.trim()) {
    throw new Error(`Settings section "${def.id}" needs a title and a one-line description`);
  }
  return def;
}

/** Whether a section shows for this viewer: its beta feature is on and `visible` agrees. */
export function isSectionVisible(section: SettingsSection, ctx: ShellContext): boolean {
  if (section.featureFlag !== undefined && ctx.betaFeatures[section.featureFlag] !== true) return false;
  if (section.visible && !section.visible(ctx)) return false;
  return true;
}
