// Plain JavaScript: Vitest loads config files' dependencies from node_modules with Node itself.
import { fileURLToPath } from "node:url";
import { withBase } from "@homebase/vitest-config";
import react from "@vitejs/plugin-react";
import { searchForWorkspaceRoot } from "vite";
import { mergeConfig } from "vitest/config";

/** The test kit's setup: jsdom shims for Mantine, cleanup, unstubbed globals after each test. */
export const SETUP_FILE = fileURLToPath(new URL("./src/testing/setup.ts", import.meta.url));
const KIT_DIR = fileURLToPath(new URL(".", import.meta.url));

/**
 * The Vitest config of a settings section (and of anything else that renders the kit's React):
 * `vitest.config.ts` is `export default sectionTestConfig()`. React, jsdom, CSS ignored, the
 * kit's setup file, plus the repository's base settings (@homebase/vitest-config).
 * @param {import("vitest/config").ViteUserConfig} [config] merged on top
 */
export function sectionTestConfig(config = {}) {
  return withBase(
    mergeConfig(
      {
        plugins: [react()],
        // The kit's files are served from the kit, also to a package outside this workspace's folder.
        server: { fs: { allow: [searchForWorkspaceRoot(process.cwd()), KIT_DIR] } },
        test: { environment: "jsdom", setupFiles: [SETUP_FILE], css: false },
      },
      config,
    ),
  );
}
