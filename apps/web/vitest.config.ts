import { sectionTestConfig } from "@homebase/settings-kit/vitest";
import { settingsSections } from "./settings-sections.ts";

// The shell renders the kit's React like a section does: the same preset (React, jsdom, the kit's
// setup), and its sections from its dependencies as in the build.
export default sectionTestConfig({ plugins: [settingsSections()] });
