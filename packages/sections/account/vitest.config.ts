import { sectionTestConfig } from "@homebase/settings-kit/vitest";

export default sectionTestConfig();
