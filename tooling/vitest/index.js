// Plain JavaScript: vitest loads config files' dependencies from node_modules with Node itself.
import { configDefaults, defineConfig, mergeConfig } from "vitest/config";

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

/**
 * Runs a package's tests once per database dialect, as Vitest projects named "sqlite" and
 * "postgres": each project sets env HOMEBASE_TEST_DIALECT, which `openTestDatabase` (in
 * @homebase/db/testing) follows. The dialects come from env HOMEBASE_TEST_DIALECTS (comma list,
 * default "sqlite,postgres"; e.g. "sqlite" for a quicker local run). Files matching
 * `sqliteOnly` globs run in the sqlite project only (say why next to the glob).
 * @param {import("vitest/config").ViteUserConfig} [config]
 * @param {{ sqliteOnly?: string[] }} [options]
 */
export function withDialects(config = {}, options = {}) {
  const list = (process.env.HOMEBASE_TEST_DIALECTS ?? "").trim() || "sqlite,postgres";
  const dialects = [...new Set(list.split(",").map((name) => name.trim()))];
  for (const name of dialects) {
    if (name !== "sqlite" && name !== "postgres") {
      throw new Error(`HOMEBASE_TEST_DIALECTS: unknown dialect "${name}", expected sqlite or postgres`);
    }
  }
  const sqliteOnly = options.sqliteOnly ?? [];
  return withBase(
    mergeConfig(config, {
      test: {
        projects: dialects.map((dialect) => ({
          extends: true,
          test: {
            name: dialect,
            env: { HOMEBASE_TEST_DIALECT: dialect },
            ...(dialect === "postgres" &&
              sqliteOnly.length > 0 && { exclude: [...configDefaults.exclude, ...sqliteOnly] }),
          },
        })),
      },
    }),
  );
}
