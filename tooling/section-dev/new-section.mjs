#!/usr/bin/env node
// Plain JavaScript on Node's builtins: runs before anything is built (`npm run new:section -- <id>`).
/**
 * Scaffolds a settings section: packages/sections/<id> (package, definition, page, tests, dev
 * harness) and its one registry line, the dependency in apps/web/package.json. Then `pnpm install`
 * links it, and `pnpm --filter @homebase/section-<id> test` (or typecheck, lint, dev) works at once.
 *
 *   npm run new:section -- <id> [--title "Recent alerts"] [--group Notifications] [--order 50]
 *                               [--description "…"] [--no-install] [--root <repo>]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** "recent-alerts" → "Recent alerts". */
export function titleOf(id) {
  const words = id.split("-").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** The files of a new section, by path inside its folder. */
export function sectionFiles({ id, title, group, order, description }) {
  const pkg = `@homebase/section-${id}`;
  const q = JSON.stringify;
  return {
    "package.json": json({
      name: pkg,
      version: "0.0.0",
      private: true,
      type: "module",
      exports: { ".": "./src/index.ts" },
      scripts: {
        dev: "vite --config dev/vite.config.ts",
        lint: "biome check .",
        test: "vitest run",
        typecheck: "tsc --noEmit",
      },
      dependencies: {
        "@homebase/settings-kit": "workspace:*",
        "@homebase/ui": "workspace:*",
        "@mantine/core": "catalog:",
        "@tanstack/react-query": "catalog:",
        react: "catalog:",
      },
      devDependencies: {
        "@homebase/section-dev": "workspace:*",
        "@homebase/tsconfig": "workspace:*",
        "@testing-library/dom": "catalog:",
        "@testing-library/react": "catalog:",
        "@types/node": "catalog:",
        "@types/react": "catalog:",
        "@types/react-dom": "catalog:",
        "axe-core": "catalog:",
        jsdom: "catalog:",
        "react-dom": "catalog:",
        typescript: "catalog:",
        vite: "catalog:",
        vitest: "catalog:",
      },
    }),
    "tsconfig.json": `{
  "extends": "@homebase/tsconfig/react.json",
  // node: tests read files (index.test.ts). Incremental: a second typecheck re-checks only what changed.
  "compilerOptions": {
    "types": ["vite/client", "node"],
    "incremental": true,
    "tsBuildInfoFile": "node_modules/.cache/tsconfig.tsbuildinfo"
  },
  "include": ["src", "dev", "*.ts"]
}
`,
    "vitest.config.ts": `import { sectionTestConfig } from "@homebase/settings-kit/vitest";

export default sectionTestConfig();
`,
    "src/index.ts": `import { defineSettingsSection } from "@homebase/settings-kit";

/*
 * The shell imports this file up front for every visitor, whatever page they open: import nothing
 * here but @homebase/settings-kit (types are fine). Everything else belongs to the page, which
 * loads only when the section is opened.
 */
export default defineSettingsSection({
  id: ${q(id)},
  title: ${q(title)},
  description: ${q(description)},
  path: ${q(id)},
  group: ${q(group)},
  order: ${order},
  load: () => import("./page"),
  // visible: (ctx) => ctx.viewer.teams.length > 0,
  // featureFlag: "some-beta-feature",
});
`,
    "src/page.tsx": `import { useViewer } from "@homebase/settings-kit";
import { SettingsCard } from "@homebase/ui";
import { Text } from "@mantine/core";

/**
 * /settings/${id}. Read the API through the kit's typed client and react-query, e.g.
 * \`useQuery({ queryKey: [...queryKeys.me, "${id}"], queryFn: () => unwrap(api.api.v1.me.settings.$get()) })\`,
 * and name its answer with \`ResponseOf<typeof api.api.v1.me.settings.$get>\` instead of writing the type.
 */
export default function ${pascal(id)}Page() {
  const viewer = useViewer();
  return (
    <SettingsCard title=${q(title)} description=${q(description)}>
      <Text size="sm">Signed in as {viewer.data?.username}.</Text>
    </SettingsCard>
  );
}
`,
    "src/page.test.tsx": `import { mockApi, renderSection } from "@homebase/settings-kit/testing";
import { screen } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import section from "./index";

describe(${q(`${title} section`)}, () => {
  it("shows the signed-in user, with no axe violations", async () => {
    // The API as this test needs it, keyed by the API's own routes (typed), e.g.
    // "GET /api/v1/me/settings": () => ({ ... }) or () => problem(503, "The database is busy.").
    const { calls } = mockApi({});
    const { container } = renderSection(section, { viewer: { username: "grace" } });
    expect(await screen.findByText("Signed in as grace.")).toBeTruthy();
    expect(calls).toEqual([]);
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});
`,
    "src/index.test.ts": `import { join } from "node:path";
import { sectionEntryProblems } from "@homebase/settings-kit/testing";
import { describe, expect, it } from "vitest";
import section from "./index";

describe("the section's definition", () => {
  it("is ${pkg} at /settings/${id}", () => {
    expect(section.id).toBe(${q(id)});
    expect(section.path).toBe(${q(id)});
  });

  it("imports only the kit: the shell loads every section's index.ts up front", () => {
    expect(sectionEntryProblems(join(import.meta.dirname, "index.ts"))).toEqual([]);
  });
});
`,
    "dev/main.tsx": `/** Dev harness: the ${id} section alone against a local API (see @homebase/section-dev). */
import { createDevApp } from "@homebase/section-dev";
import section from "../src/index";

createDevApp(section);
`,
    "dev/vite.config.ts": `import { sectionDevConfig } from "@homebase/section-dev/vite";

/**
 * \`pnpm --filter ${pkg} dev\`, then open the address it prints. The API:
 * HOMEBASE_API_URL (default http://127.0.0.1:3000); the port: SECTION_DEV_PORT, else this section's own.
 */
export default sectionDevConfig(import.meta.url);
`,
  };
}

function pascal(id) {
  return id
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/** Adds the section to the shell's dependencies (its registry), keeping them sorted. */
export function registerInShell(root, id) {
  const file = join(root, "apps", "web", "package.json");
  const manifest = JSON.parse(readFileSync(file, "utf8"));
  const deps = { ...manifest.dependencies, [`@homebase/section-${id}`]: "workspace:*" };
  manifest.dependencies = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, json(manifest));
  return file;
}

/** Writes the section and its registry line; returns the files written. */
export function scaffoldSection(root, options) {
  const { id } = options;
  if (!ID.test(id))
    throw new Error(`"${id}" is not a section id: lower-case words joined by hyphens, e.g. recent-alerts`);
  const dir = join(root, "packages", "sections", id);
  if (existsSync(dir)) throw new Error(`${relative(root, dir)} exists already`);
  const title = options.title ?? titleOf(id);
  const files = sectionFiles({
    id,
    title,
    group: options.group ?? "Labs",
    order: Number(options.order ?? 50),
    description: options.description ?? `${title} settings.`,
  });
  const written = [];
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    written.push(file);
  }
  written.push(registerInShell(root, id));
  return written;
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      title: { type: "string" },
      group: { type: "string" },
      order: { type: "string" },
      description: { type: "string" },
      root: { type: "string" },
      "no-install": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const id = positionals[0];
  if (values.help || !id) {
    console.log(
      'usage: npm run new:section -- <id> [--title "Recent alerts"] [--group Notifications] [--order 50] [--description "…"] [--no-install]',
    );
    process.exit(values.help ? 0 : 2);
  }
  const root = resolve(values.root ?? join(dirname(fileURLToPath(import.meta.url)), "..", ".."));
  let written;
  try {
    written = scaffoldSection(root, { id, ...values });
  } catch (error) {
    console.error(`new:section: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  for (const file of written) console.log(`  wrote ${relative(root, file)}`);
  if (!values["no-install"]) {
    console.log("  pnpm install (links the new package)");
    const r = spawnSync("pnpm", ["install", "--prefer-offline"], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const pkg = `@homebase/section-${id}`;
  console.log(`
Section ${pkg} is at packages/sections/${id}, and the shell shows it at /settings/${id}.
  pnpm --filter ${pkg} test         # its tests alone
  pnpm --filter ${pkg} typecheck    # tsc on the package alone
  pnpm --filter ${pkg} lint         # biome on the package alone
  pnpm --filter ${pkg} dev          # the harness against a local API (HOMEBASE_API_URL)
Set its group, order and description in src/index.ts; the checklist is in the README.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
