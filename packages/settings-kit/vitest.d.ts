import type { ViteUserConfig } from "vitest/config";

export declare const SETUP_FILE: string;
export declare function sectionTestConfig(config?: ViteUserConfig): ViteUserConfig;
