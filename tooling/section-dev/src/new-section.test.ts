/**
 * The promise of the README's "How to add a settings section": `npm run new:section -- <id>`
 * writes a section that passes its own test, typecheck and lint at once, and touches nothing
 * of anyone else's but the shell's one registry line. Tried on a throwaway section in a temporary
 * directory wired like the workspace: the new package's node_modules link what pnpm would link
 * (the workspace packages and the store's copies the other sections use), so no install runs.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "..", "..", "..");
const GENERATOR = join(REPO, "tooling", "section-dev", "new-section.mjs");
/** Where the store's copy of a third-party dependency is found: importers that use the same ones. */
const REFERENCES = ["packages/sections/beta-features", "packages/sections/profile", "packages/settings-kit"];
const ID = "recent-alerts";

let root: string;
let section: string;

function workspacePackages(): Map<string, string> {
  const dirs = ["apps", "packages", "packages/sections", "tooling"].flatMap((parent) =>
    readdirSync(join(REPO, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(REPO, parent, entry.name, "package.json")))
      .map((entry) => join(REPO, parent, entry.name)),
  );
  return new Map(dirs.map((dir) => [JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name, dir]));
}

/** What pnpm would put in the new package's node_modules: a link per dependency, and the bin shims. */
function link(dir: string) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const workspace = workspacePackages();
  const modules = join(dir, "node_modules");
  for (const [name, version] of Object.entries<string>({ ...manifest.dependencies, ...manifest.devDependencies })) {
    const target = version.startsWith("workspace:")
      ? workspace.get(name)
      : REFERENCES.map((ref) => join(REPO, ref, "node_modules", name)).find((path) => existsSync(path));
    if (!target) throw new Error(`no package ${name} in the workspace to link`);
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(realpathSync(target), join(modules, name));
  }
  mkdirSync(join(modules, ".bin"));
  for (const bin of ["tsc", "vitest"]) {
    symlinkSync(join(REPO, "packages/sections/beta-features/node_modules/.bin", bin), join(modules, ".bin", bin));
  }
}

function run(command: string, args: string[], cwd: string) {
  const started = performance.now();
  const r = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true", PATH: `${join(cwd, "node_modules", ".bin")}:${process.env.PATH}` },
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, seconds: (performance.now() - started) / 1000 };
}

/** Runs the package's own script, as `pnpm --filter <package> <script>` would. */
function script(name: string): Promise<{ status: number | null; output: string; seconds: number }> {
  const manifest = JSON.parse(readFileSync(join(section, "package.json"), "utf8"));
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", manifest.scripts[name]], {
      cwd: section,
      env: { ...process.env, CI: "true", PATH: `${join(section, "node_modules", ".bin")}:${process.env.PATH}` },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("close", (status) => resolve({ status, output, seconds: (performance.now() - started) / 1000 }));
  });
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "homebase-new-section-"));
  for (const file of ["package.json", "pnpm-workspace.yaml", "biome.json", ".gitignore"]) {
    cpSync(join(REPO, file), join(root, file));
  }
  mkdirSync(join(root, "apps", "web"), { recursive: true });
  cpSync(join(REPO, "apps/web/package.json"), join(root, "apps/web/package.json"));
  symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
  // Biome follows .gitignore, as in the repository.
  spawnSync("git", ["init", "-q"], { cwd: root });
  section = join(root, "packages", "sections", ID);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("npm run new:section", () => {
  it("writes the package and the shell's registry line, and nothing else", () => {
    const r = run(process.execPath, [GENERATOR, ID, "--group", "Notifications", "--no-install", "--root", root], root);
    expect(r.status, r.output).toBe(0);
    const written = r.output
      .split("\n")
      .filter((line) => line.startsWith("  wrote "))
      .map((line) => line.slice("  wrote ".length));
    const outside = written.filter((file) => !file.startsWith(`packages/sections/${ID}/`));
    expect(outside).toEqual(["apps/web/package.json"]);
    expect(written).toEqual(
      expect.arrayContaining([
        `packages/sections/${ID}/package.json`,
        `packages/sections/${ID}/src/index.ts`,
        `packages/sections/${ID}/src/page.tsx`,
        `packages/sections/${ID}/src/page.test.tsx`,
        `packages/sections/${ID}/dev/main.tsx`,
        `packages/sections/${ID}/dev/vite.config.ts`,
      ]),
    );
    const shell = JSON.parse(readFileSync(join(root, "apps/web/package.json"), "utf8"));
    const before = JSON.parse(readFileSync(join(REPO, "apps/web/package.json"), "utf8"));
    expect(shell).toEqual({
      ...before,
      dependencies: expect.objectContaining({ ...before.dependencies, [`@homebase/section-${ID}`]: "workspace:*" }),
    });
    expect(Object.keys(shell.dependencies)).toEqual(Object.keys(shell.dependencies).sort());
    expect(readFileSync(join(section, "src/index.ts"), "utf8")).toContain('group: "Notifications"');
  });

  it("refuses an id that is taken or malformed", () => {
    expect(run(process.execPath, [GENERATOR, ID, "--no-install", "--root", root], root).output).toContain(
      `packages/sections/${ID} exists already`,
    );
    expect(run(process.execPath, [GENERATOR, "Recent_Alerts", "--no-install", "--root", root], root).status).toBe(1);
  });

  it("gives a section whose own test, typecheck and lint pass, each on the package alone", async () => {
    link(section);
    // All three at once: tsc is the long one, and runs on one core.
    const names = ["typecheck", "test", "lint"];
    const results = await Promise.all(names.map(script));
    console.log(`new section: ${results.map((r, i) => `${names[i]} ${r.seconds.toFixed(1)} s`).join(", ")}`);
    results.forEach((r, i) => {
      expect(r.status, `${names[i]} in ${relative(root, section)}:\n${r.output.slice(-4000)}`).toBe(0);
    });
  });
});
