import {
  isSectionVisible,
  SETTINGS_GROUPS,
  type SettingsGroup,
  type SettingsSection,
  type ShellContext,
} from "@homebase/settings-kit";

export interface NavGroup {
  group: SettingsGroup;
  sections: SettingsSection[];
}

/**
 * The settings navigation for one viewer: sections they may see, under their
 * group headings in the fixed group order (Account … Danger zone), sorted by
 * `order` then title inside a group. Groups without a visible section are left out.
 */
export function buildNav(sections: readonly SettingsSection[], ctx: ShellContext): NavGroup[] {
  const visible = sections.filter((section) => isSectionVisible(section, ctx));
  return SETTINGS_GROUPS.map((group) => ({
    group,
    sections: visible
      .filter((section) => section.group === group)
      .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title)),
  })).filter((entry) => entry.sections.length > 0);
}

/** The section `/settings` opens: the first one in the navigation. */
export function firstSection(nav: readonly NavGroup[]): SettingsSection | undefined {
  return nav[0]?.sections[0];
}

/** Finds the section for a URL segment, whether or not the viewer may see it. */
export function findSection(sections: readonly SettingsSection[], path: string | undefined) {
  return path === undefined ? undefined : sections.find((section) => section.path === path);
}

/** Two sections with one id or path would shadow each other: fail loudly at start-up instead. */
export function assertUniqueSections(sections: readonly SettingsSection[]): void {
  const ids = new Set<string>();
  const paths = new Set<string>();
  for (const section of sections) {
    if (ids.has(section.id)) throw new Error(`Two settings sections have the id "${section.id}"`);
    if (paths.has(section.path)) throw new Error(`Two settings sections use the path "${section.path}"`);
    ids.add(section.id);
    paths.add(section.path);
  }
}

/**
 * Pages outside /settings that belong to a section, by their first path segment: a team's page
 * (/teams/acme) sits under Teams, so the navigation highlights Teams while it is open.
 */
const PAGE_SECTIONS: Readonly<Record<string, string>> = { teams: "teams" };

/** The path of the section the navigation highlights at `pathname`, if any. */
export function activeSectionPath(pathname: string): string | undefined {
  const [first, second] = pathname.split("/").filter(Boolean);
  if (first === "settings") return second;
  if (first !== undefined && second !== undefined && Object.hasOwn(PAGE_SECTIONS, first)) return PAGE_SECTIONS[first];
  return undefined;
}
