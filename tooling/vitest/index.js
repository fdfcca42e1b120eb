// Plain JavaScript: vitest loads config files' dependencies from node_modules with Node itself.
import { defineConfig, mergeConfig } from "vitest/config";

/**
 * Shared Vitest settings. Tests talk to real SQLite files and a real Redis,
 * so they run in forked processes with generous timeouts, and never in watch mode.
 * Each package also writes test-results/vitest.json, which `npm test` sums up.
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

/** @param {import("vitest/config").ViteUserConfig} [config] */
export function withBase(config = {}) {
  return mergeConfig(baseConfig, config);
}
