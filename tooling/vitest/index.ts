import { defineConfig, mergeConfig, type ViteUserConfig } from "vitest/config";

/**
 * Shared Vitest settings. Tests talk to real SQLite files and a real Redis,
 * so they run in forked processes with generous timeouts, and never in watch mode.
 */
export const baseConfig = defineConfig({
  test: {
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    watch: false,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});

export function withBase(config: ViteUserConfig = {}) {
  return mergeConfig(baseConfig, config);
}
