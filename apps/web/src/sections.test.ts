import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sectionEntryProblems } from "@homebase/settings-kit/testing";
import { describe, expect, it } from "vitest";
import { sectionPackages } from "../settings-sections";
import { sections } from "./sections";

// Rules for whatever sections there are: adding a section changes no test here.
const SECTIONS_DIR = join(import.meta.dirname, "../../../packages/sections");
const workspaceSections = readdirSync(SECTIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => {
    const dir = join(SECTIONS_DIR, entry.name);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      name: string;
      exports: Record<string, string>;
    };
    return { dir: entry.name, name: manifest.name, entry: join(dir, manifest.exports["."] ?? "") };
  });

describe("the shell's sections", () => {
  it("are every section package in the workspace, each listed once as a dependency of the shell", () => {
    expect(sectionPackages()).toEqual(workspaceSections.map((s) => s.name).sort());
    expect(sections).toHaveLength(workspaceSections.length);
  });

  it("are named after their package and folder: @homebase/section-<id> in packages/sections/<id>", () => {
    for (const { dir, name } of workspaceSections) expect(name).toBe(`@homebase/section-${dir}`);
    expect(sections.map((s) => `@homebase/section-${s.id}`).sort()).toEqual(sectionPackages());
  });

  it("keep the shell's initial bundle small: each entry imports only the kit (its page is lazy)", () => {
    expect(workspaceSections.flatMap((s) => sectionEntryProblems(s.entry))).toEqual([]);
  });
});
