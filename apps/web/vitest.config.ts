import { sectionTestConfig } from "@homebase/settings-kit/vitest";

// The shell renders the kit's React like a section does: the same preset (React, jsdom, the kit's setup).
export default sectionTestConfig();
