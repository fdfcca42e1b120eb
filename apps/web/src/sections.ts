/**
 * The settings sections: every `@homebase/section-*` package the shell depends on (see
 * settings-sections.ts). Adding a section = a package under packages/sections/<id> plus its
 * dependency line in apps/web/package.json — `npm run new:section -- <id>` writes both. Order and
 * grouping in the navigation come from each section's definition (`group`, `order`).
 */

import discovered from "virtual:settings-sections";
import type { SettingsSection } from "@homebase/settings-kit";

export const sections: readonly SettingsSection[] = discovered;
