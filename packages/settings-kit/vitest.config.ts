import { sectionTestConfig } from "./vitest.js";

// The kit tests its own test kit with its own preset.
export default sectionTestConfig();
