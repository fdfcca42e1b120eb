/** The section definitions of the shell's `@homebase/section-*` dependencies (settings-sections.ts). */
declare module "virtual:settings-sections" {
  import type { SettingsSection } from "@homebase/settings-kit";

  const sections: readonly SettingsSection[];
  export default sections;
}
