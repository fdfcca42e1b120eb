/**
 * Writes the PostgreSQL schema (src/schema-pg) from the SQLite one (src/schema), so that each
 * table is defined once, in src/schema (issue 17).
 *
 * Every file of src/schema but columns.ts becomes the file of the same name in src/schema-pg,
 * with `sqliteTable` renamed to `pgTable` and the import from drizzle-orm/sqlite-core turned into
 * one from drizzle-orm/pg-core. Nothing else changes: each column type whose SQL differs between
 * the dialects goes through a helper of the two hand-written columns.ts files (`timestamp`,
 * `flag`, `bigNumber`, `autoIncrementId`, ...), which `./columns` resolves to in each folder.
 * A SQLite-only construct in a table file (an import without a PostgreSQL twin of the same
 * meaning, `integer({ mode })`, `autoIncrement`, ...) stops the script with the helper to use.
 *
 *   pnpm --filter @homebase/db generate:pg-schema            writes src/schema-pg
 *   pnpm --filter @homebase/db generate:pg-schema --check    exits 1 when src/schema-pg is stale
 *
 * `pnpm --filter @homebase/db generate` runs it before drizzle-kit; schema-agreement.test.ts
 * fails while the committed files differ from what this script writes.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const SQLITE_SCHEMA_DIR = fileURLToPath(new URL("../src/schema", import.meta.url));
export const PG_SCHEMA_DIR = fileURLToPath(new URL("../src/schema-pg", import.meta.url));

export const GENERATE_COMMAND = "pnpm --filter @homebase/db generate:pg-schema";

/** Hand-written files of each folder: the dialect's column helpers. */
const HAND_WRITTEN = new Set(["columns.ts"]);

/** The first line of every generated file, also how the script recognises its own files. */
const GENERATED_MARK = "// Generated from ../schema/";

function header(fileName: string): string {
  return (
    `${GENERATED_MARK}${fileName} by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file\n` +
    `// and run \`${GENERATE_COMMAND}\`.\n`
  );
}

/** What schema-pg/index.ts says about the module, after its header. */
const INDEX_DOC = `/**
 * The PostgreSQL tables: the same export names, table, column, index and constraint names and JS
 * row shapes as ../schema, because every file here but columns.ts is generated from the SQLite
 * file of the same name (sqliteTable → pgTable). The SQL types that differ come from the helpers
 * of ./columns.ts: \`timestamptz(3)\` timestamps, \`boolean\` flags, \`bigint\` (read as number)
 * where SQLite's 64-bit \`integer\` holds byte sizes, counts or the storage object key.
 * schema-agreement.test.ts compares the two schemas and checks these files are up to date;
 * dialect.ts checks the row types.
 */
`;

/**
 * The names a table file may import from drizzle-orm/sqlite-core: those whose pg-core export of
 * the same name takes the same arguments and gives the same SQL meaning. `integer()` is 32-bit on
 * PostgreSQL: values that may pass 2^31 - 1 use `bigNumber()`.
 */
const PORTABLE_IMPORTS = new Set([
  "check",
  "foreignKey",
  "index",
  "integer",
  "primaryKey",
  "sqliteTable",
  "text",
  "unique",
  "uniqueIndex",
]);

/** SQLite-only constructs, with what to write instead. */
const SQLITE_ONLY: { pattern: RegExp; use: string }[] = [
  { pattern: /\binteger\(\s*\{/, use: "flag() or timestamp() from ./columns (integer modes are SQLite-only)" },
  { pattern: /\btext\(\s*\{[^}]*\bmode\b/, use: "a helper in both columns.ts (text modes are SQLite-only)" },
  { pattern: /\bautoIncrement\b/, use: "autoIncrementId() from ./columns" },
  { pattern: /\b(?:sqlite|SQLite)[A-Z]\w*/, use: "the dialect-neutral builders and the columns.ts helpers" },
  { pattern: /sqlite-core/, use: "one import from drizzle-orm/sqlite-core, of portable names only" },
];

const CORE_IMPORT = /import\s*\{([^}]*)\}\s*from\s*"drizzle-orm\/sqlite-core";/g;

/**
 * Biome's order of named imports: letter by letter ignoring case, except that at the first
 * letter differing only in case the capital comes first.
 */
function compareNames(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const ca = a[i]!;
    const cb = b[i]!;
    if (ca === cb) continue;
    const la = ca.toLowerCase();
    const lb = cb.toLowerCase();
    if (la === lb) return ca < cb ? -1 : 1;
    return la < lb ? -1 : 1;
  }
  return a.length - b.length;
}

/** An import statement as Biome formats it (line width 120). */
function formatImport(names: string[], from: string): string {
  const oneLine = `import { ${names.join(", ")} } from "${from}";`;
  if (oneLine.length <= 120) return oneLine;
  return `import {\n${names.map((name) => `  ${name},\n`).join("")}} from "${from}";`;
}

/** The PostgreSQL twin of one SQLite schema file; throws on a SQLite-only construct. */
export function emitPgFile(fileName: string, source: string): string {
  const imports = [...source.matchAll(CORE_IMPORT)];
  if (imports.length > 1) throw new Error(`${fileName}: import from drizzle-orm/sqlite-core once`);
  const coreImport = imports[0];
  const names = (coreImport?.[1] ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!PORTABLE_IMPORTS.has(name))
      throw new Error(
        `${fileName}: \`${name}\` from drizzle-orm/sqlite-core has no PostgreSQL twin of the same meaning; ` +
          "add a helper to src/schema/columns.ts and src/schema-pg/columns.ts and use it instead",
      );
  }
  const placeholder = "\u0000core-import\u0000";
  let body = coreImport ? source.replace(coreImport[0], placeholder) : source;
  body = body.replace(/\bsqliteTable\b/g, "pgTable");
  for (const { pattern, use } of SQLITE_ONLY) {
    const found = body.match(pattern);
    if (found) throw new Error(`${fileName}: \`${found[0]}\` is SQLite-only; use ${use}`);
  }
  if (coreImport) {
    const pgNames = names.map((name) => (name === "sqliteTable" ? "pgTable" : name)).sort(compareNames);
    body = body.replace(placeholder, formatImport(pgNames, "drizzle-orm/pg-core"));
  }
  return `${header(fileName)}${fileName === "index.ts" ? INDEX_DOC : "\n"}${body}`;
}

/** Every generated file of src/schema-pg, by file name, as the script would write it now. */
export function emitPgSchema(sqliteDir = SQLITE_SCHEMA_DIR): Map<string, string> {
  const files = new Map<string, string>();
  for (const fileName of readdirSync(sqliteDir).sort()) {
    if (!fileName.endsWith(".ts") || HAND_WRITTEN.has(fileName)) continue;
    if (fileName.endsWith(".test.ts")) continue;
    files.set(fileName, emitPgFile(fileName, readFileSync(join(sqliteDir, fileName), "utf8")));
  }
  return files;
}

/** Files of src/schema-pg that differ from what the script writes; empty when up to date. */
export function stalePgFiles(pgDir = PG_SCHEMA_DIR, sqliteDir = SQLITE_SCHEMA_DIR): string[] {
  const expected = emitPgSchema(sqliteDir);
  const stale: string[] = [];
  for (const [fileName, text] of expected) {
    const path = join(pgDir, fileName);
    if (!existsSync(path)) stale.push(`${fileName} (missing)`);
    else if (readFileSync(path, "utf8") !== text) stale.push(`${fileName} (differs)`);
  }
  for (const fileName of readdirSync(pgDir)) {
    if (!fileName.endsWith(".ts") || HAND_WRITTEN.has(fileName) || expected.has(fileName)) continue;
    stale.push(`${fileName} (no SQLite file of that name)`);
  }
  return stale.sort();
}

/** Writes src/schema-pg; removes generated files whose SQLite file is gone. Returns what changed. */
export function writePgSchema(pgDir = PG_SCHEMA_DIR, sqliteDir = SQLITE_SCHEMA_DIR): string[] {
  const expected = emitPgSchema(sqliteDir);
  const changed: string[] = [];
  for (const [fileName, text] of expected) {
    const path = join(pgDir, fileName);
    if (existsSync(path) && readFileSync(path, "utf8") === text) continue;
    writeFileSync(path, text);
    changed.push(`wrote ${fileName}`);
  }
  for (const fileName of readdirSync(pgDir)) {
    if (!fileName.endsWith(".ts") || HAND_WRITTEN.has(fileName) || expected.has(fileName)) continue;
    const path = join(pgDir, fileName);
    if (!readFileSync(path, "utf8").startsWith(GENERATED_MARK))
      throw new Error(
        `src/schema-pg/${fileName} is hand-written: tables are defined in src/schema; move it there (or its ` +
          "dialect-specific columns to the columns.ts helpers)",
      );
    rmSync(path);
    changed.push(`removed ${fileName}`);
  }
  return changed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes("--check")) {
    const stale = stalePgFiles();
    if (stale.length > 0) {
      console.error(`src/schema-pg is out of date (${stale.join(", ")}): run ${GENERATE_COMMAND}`);
      process.exit(1);
    }
    console.log("src/schema-pg is up to date");
  } else {
    const changed = writePgSchema();
    console.log(changed.length > 0 ? changed.join("\n") : "src/schema-pg is up to date");
  }
}
