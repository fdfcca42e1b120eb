import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

/** apps/web/package.json: its dependencies are the registry. */
const PACKAGE_JSON = join(dirname(fileURLToPath(import.meta.url)), "package.json");

/** The module the shell imports its sections from (`src/sections.ts`). */
export const SECTIONS_MODULE = "virtual:settings-sections";
const RESOLVED = `\0${SECTIONS_MODULE}`;
const SECTION_PACKAGE = /^@homebase\/section-[a-z0-9-]+$/;

/**
 * The settings sections the shell shows: every `@homebase/section-*` package among its
 * dependencies. That dependency line in apps/web/package.json is the whole registry, so adding
 * a section touches no file of the shell's but that one line (`npm run new:section` writes it).
 */
export function sectionPackages(packageJson = PACKAGE_JSON): string[] {
  const manifest = JSON.parse(readFileSync(packageJson, "utf8")) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {})
    .filter((name) => SECTION_PACKAGE.test(name))
    .sort();
}

/**
 * Serves `virtual:settings-sections`: the default export of each section package (its
 * `defineSettingsSection(...)`), imported statically like any dependency; each page stays lazy.
 */
export function settingsSections(): Plugin {
  return {
    name: "homebase-settings-sections",
    resolveId: (id) => (id === SECTIONS_MODULE ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      this.addWatchFile(PACKAGE_JSON);
      const names = sectionPackages();
      return [
        ...names.map((name, i) => `import section${i} from ${JSON.stringify(name)};`),
        `export default [${names.map((_, i) => `section${i}`).join(", ")}];`,
      ].join("\n");
    },
  };
}
