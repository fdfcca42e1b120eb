import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The only package a section's `src/index.ts` may import at run time. */
const KIT = "@homebase/settings-kit";

/** The modules a file imports at run time (type-only imports and `import()` calls left out). */
function runtimeImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  const found: string[] = [];
  const statement = /^\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?["']([^"']+)["']/gm;
  for (const match of code.matchAll(statement)) {
    if (!match[1] && match[2]) found.push(match[2]);
  }
  return found;
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = join(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")].find(
    (file) => /\.tsx?$/.test(file) && existsSync(file),
  );
}

/**
 * What a section's entry (`src/index.ts`) pulls into the shell's initial bundle besides its
 * definition: the shell imports every section's entry up front, so whatever the entry imports
 * (statically) every visitor downloads before any page shows. Allowed: `@homebase/settings-kit`,
 * type-only imports, `import("./page")`, and small local modules that import nothing at run time
 * themselves (e.g. a constant the shell shares). Returns one sentence per other import.
 */
export function sectionEntryProblems(entry: string | URL): string[] {
  const file = typeof entry === "string" ? entry : fileURLToPath(entry);
  const problems: string[] = [];
  const name = (f: string) => relative(dirname(dirname(file)), f);
  for (const specifier of runtimeImports(readFileSync(file, "utf8"))) {
    if (specifier === KIT) continue;
    if (!specifier.startsWith(".")) {
      problems.push(
        `${name(file)} imports "${specifier}": it would land in the shell's initial bundle; import it from the page`,
      );
      continue;
    }
    const local = resolveRelative(file, specifier);
    if (!local) {
      problems.push(`${name(file)} imports "${specifier}", which is not a TypeScript file here`);
      continue;
    }
    for (const inner of runtimeImports(readFileSync(local, "utf8"))) {
      problems.push(
        `${name(file)} imports ${name(local)}, which imports "${inner}": both would land in the shell's initial bundle`,
      );
    }
  }
  return problems;
}
