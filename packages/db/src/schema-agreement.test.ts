import { readFileSync } from "node:fs";
import { join } from "node:path";
import { is, SQL } from "drizzle-orm";
import {
  PgDialect,
  PgTable,
  index as pgIndex,
  integer as pgInteger,
  pgTable,
  getTableConfig as pgTableConfig,
  text as pgText,
} from "drizzle-orm/pg-core";
import {
  SQLiteSyncDialect,
  SQLiteTable,
  sqliteTable,
  getTableConfig as sqliteTableConfig,
  text as sqliteText,
} from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { emitPgFile, GENERATE_COMMAND, stalePgFiles } from "../scripts/emit-pg-schema";
import { migrationsFolder, pgMigrationsFolder } from "./client";
import * as sqliteSchema from "./schema";
import * as sqliteColumns from "./schema/columns";
import * as pgSchema from "./schema-pg";
import * as pgColumns from "./schema-pg/columns";

/**
 * One schema in meaning, two dialects in Drizzle. The tables are written once, in src/schema;
 * src/schema-pg is generated from them by scripts/emit-pg-schema.ts, and the dialects differ only
 * in the two hand-written columns.ts. Checked here: the generated files are up to date; both
 * columns.ts export the same helpers, each making the same column on both sides; and both
 * schema modules, reduced to a dialect-neutral description of every table (columns with a
 * neutral type, nullability, keys, defaults, unique constraints, indexes, foreign keys, checks),
 * are identical. The description is read from the Drizzle table objects (`getTableConfig`),
 * which are what drizzle-kit generates both migration folders from.
 */

interface ColumnShape {
  type: string;
  enumValues?: readonly string[];
  notNull: boolean;
  primaryKey: boolean;
  /** The DB-side default, as JSON, or null. */
  dbDefault: string | null;
  /** Whether an insert may omit the column (DB default, JS default, generated key). */
  insertOptional: boolean;
  /** Integer key the database numbers by itself (SQLite AUTOINCREMENT ↔ PostgreSQL identity). */
  generatedKey: boolean;
  unique: string | null;
}

interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKeys: string[][];
  uniqueConstraints: { name: string | undefined; columns: string[] }[];
  indexes: { name: string; unique: boolean; columns: string[]; where: string | null }[];
  foreignKeys: { columns: string[]; table: string; foreignColumns: string[]; onDelete: string; onUpdate: string }[];
  checks: { name: string; sql: string }[];
}

type SchemaShape = Record<string, TableShape>;

/**
 * The dialect-neutral type of each column class: SQLite's storage classes on one side, the
 * PostgreSQL types that hold the same JS values on the other.
 */
const NEUTRAL_TYPES: Record<string, string> = {
  SQLiteText: "text",
  PgText: "text",
  PgVarchar: "text",
  SQLiteTimestamp: "timestamp",
  PgTimestamp: "timestamp",
  SQLiteBoolean: "boolean",
  PgBoolean: "boolean",
  SQLiteInteger: "integer",
  PgInteger: "integer",
  PgSmallInt: "integer",
  PgBigInt53: "integer",
  SQLiteReal: "real",
  PgDoublePrecision: "real",
  PgReal: "real",
  SQLiteBlobBuffer: "blob",
  PgBytea: "blob",
  SQLiteTextJson: "json",
  SQLiteBlobJson: "json",
  PgJsonb: "json",
  PgJson: "json",
};

const sqliteDialect = new SQLiteSyncDialect({ casing: "snake_case" });
const pgDialect = new PgDialect({ casing: "snake_case" });

function neutralType(columnType: string): string {
  const type = NEUTRAL_TYPES[columnType];
  if (!type) throw new Error(`No neutral type for ${columnType}: add it to NEUTRAL_TYPES`);
  return type;
}

function columnName(column: unknown): string {
  if (is(column, SQL)) throw new Error("Expression indexes are not compared; index columns only");
  return (column as { name: string }).name;
}

interface AnyColumn {
  name: string;
  columnType: string;
  enumValues?: readonly string[];
  notNull: boolean;
  primary: boolean;
  default: unknown;
  hasDefault: boolean;
  defaultFn?: unknown;
  isUnique: boolean;
  uniqueName?: string;
  autoIncrement?: boolean;
  generatedIdentity?: unknown;
}

function describeColumn(column: AnyColumn, dialect: "sqlite" | "postgres"): ColumnShape {
  const generatedKey = dialect === "sqlite" ? column.autoIncrement === true : column.generatedIdentity !== undefined;
  // SQLite's `integer primary key` is the rowid: inserts may omit it even without AUTOINCREMENT.
  const rowid = dialect === "sqlite" && column.columnType === "SQLiteInteger" && column.primary;
  return {
    type: neutralType(column.columnType),
    enumValues: column.enumValues,
    notNull: column.notNull,
    primaryKey: column.primary,
    dbDefault: column.default === undefined ? null : JSON.stringify(column.default),
    insertOptional: column.hasDefault || column.defaultFn !== undefined || generatedKey || rowid || !column.notNull,
    generatedKey,
    unique: column.isUnique ? (column.uniqueName ?? "") : null,
  };
}

function describeSqliteTable(table: SQLiteTable): [string, TableShape] {
  const config = sqliteTableConfig(table);
  return [
    config.name,
    {
      columns: Object.fromEntries(config.columns.map((c) => [c.name, describeColumn(c as AnyColumn, "sqlite")])),
      primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
      uniqueConstraints: config.uniqueConstraints.map((u) => ({ name: u.name, columns: u.columns.map((c) => c.name) })),
      indexes: config.indexes.map(({ config: index }) => ({
        name: index.name,
        unique: index.unique,
        columns: index.columns.map(columnName),
        where: index.where ? sqliteDialect.sqlToQuery(index.where).sql : null,
      })),
      foreignKeys: config.foreignKeys.map((fk) => {
        const reference = fk.reference();
        return {
          columns: reference.columns.map((c) => c.name),
          table: sqliteTableConfig(reference.foreignTable).name,
          foreignColumns: reference.foreignColumns.map((c) => c.name),
          onDelete: fk.onDelete ?? "no action",
          onUpdate: fk.onUpdate ?? "no action",
        };
      }),
      checks: config.checks.map((c) => ({ name: c.name, sql: sqliteDialect.sqlToQuery(c.value).sql })),
    },
  ];
}

function describePgTable(table: PgTable): [string, TableShape] {
  const config = pgTableConfig(table);
  return [
    config.name,
    {
      columns: Object.fromEntries(config.columns.map((c) => [c.name, describeColumn(c as AnyColumn, "postgres")])),
      primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
      uniqueConstraints: config.uniqueConstraints.map((u) => ({ name: u.name, columns: u.columns.map((c) => c.name) })),
      indexes: config.indexes.map(({ config: index }) => ({
        name: index.name ?? "",
        unique: index.unique,
        columns: index.columns.map(columnName),
        where: index.where ? pgDialect.sqlToQuery(index.where).sql : null,
      })),
      foreignKeys: config.foreignKeys.map((fk) => {
        const reference = fk.reference();
        return {
          columns: reference.columns.map((c) => c.name),
          table: pgTableConfig(reference.foreignTable).name,
          foreignColumns: reference.foreignColumns.map((c) => c.name),
          onDelete: fk.onDelete ?? "no action",
          onUpdate: fk.onUpdate ?? "no action",
        };
      }),
      checks: config.checks.map((c) => ({ name: c.name, sql: pgDialect.sqlToQuery(c.value).sql })),
    },
  ];
}

/** Every table a schema module exports, described, by table name; also the export name of each. */
function describeSchema(module: Record<string, unknown>): { tables: SchemaShape; exports: Record<string, string> } {
  const tables: SchemaShape = {};
  const exports: Record<string, string> = {};
  for (const [exportName, value] of Object.entries(module)) {
    const described = is(value, SQLiteTable)
      ? describeSqliteTable(value)
      : is(value, PgTable)
        ? describePgTable(value)
        : undefined;
    if (!described) continue;
    tables[described[0]] = described[1];
    exports[exportName] = described[0];
  }
  return { tables, exports };
}

/** Human-readable differences between two described schemas; empty when they agree. */
function differences(sqlite: SchemaShape, pg: SchemaShape): string[] {
  const out: string[] = [];
  for (const name of new Set([...Object.keys(sqlite), ...Object.keys(pg)])) {
    const a = sqlite[name];
    const b = pg[name];
    if (!a || !b) {
      out.push(`table ${name} only in ${a ? "sqlite" : "postgres"}`);
      continue;
    }
    for (const column of new Set([...Object.keys(a.columns), ...Object.keys(b.columns)])) {
      const ca = a.columns[column];
      const cb = b.columns[column];
      if (!ca || !cb) out.push(`column ${name}.${column} only in ${ca ? "sqlite" : "postgres"}`);
      else if (JSON.stringify(ca) !== JSON.stringify(cb))
        out.push(`column ${name}.${column}: sqlite ${JSON.stringify(ca)} ≠ postgres ${JSON.stringify(cb)}`);
    }
    for (const key of ["primaryKeys", "uniqueConstraints", "indexes", "foreignKeys", "checks"] as const) {
      const sortedA = a[key].map((x) => JSON.stringify(x)).sort();
      const sortedB = b[key].map((x) => JSON.stringify(x)).sort();
      if (JSON.stringify(sortedA) !== JSON.stringify(sortedB))
        out.push(`${key} of ${name}: sqlite ${sortedA.join(", ")} ≠ postgres ${sortedB.join(", ")}`);
    }
  }
  return out;
}

interface SnapshotTable {
  name: string;
  columns: Record<string, { name: string; notNull: boolean; primaryKey: boolean; default?: unknown }>;
  indexes: Record<
    string,
    { name: string; columns: (string | { expression: string })[]; isUnique: boolean; where?: string }
  >;
  foreignKeys: Record<string, object>;
  compositePrimaryKeys: Record<string, { name: string; columns: string[] }>;
  uniqueConstraints: Record<string, { name: string; columns: string[] }>;
  checkConstraints: Record<string, { name: string; value: string }>;
}

/**
 * The latest drizzle-kit snapshot of a migrations folder (what the committed migrations add up
 * to), reduced to what both dialects share: column names, nullability, keys and DB defaults,
 * index names, columns, uniqueness and predicates, foreign keys and checks. Types are left to
 * the table-object comparison above.
 */
function latestSnapshot(folder: string) {
  const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as {
    entries: { idx: number }[];
  };
  const last = journal.entries.at(-1)!.idx.toString().padStart(4, "0");
  const snapshot = JSON.parse(readFileSync(join(folder, `meta/${last}_snapshot.json`), "utf8")) as {
    tables: Record<string, SnapshotTable>;
  };
  const sorted = <T>(record: Record<string, T>) =>
    Object.keys(record)
      .sort()
      .map((key) => record[key]);
  return Object.fromEntries(
    Object.values(snapshot.tables).map((table) => [
      table.name,
      {
        columns: Object.fromEntries(
          sorted(table.columns).map((c) => [
            c!.name,
            { notNull: c!.notNull, primaryKey: c!.primaryKey, default: c!.default },
          ]),
        ),
        indexes: sorted(table.indexes).map((index) => ({
          name: index!.name,
          columns: index!.columns.map((c) => (typeof c === "string" ? c : c.expression)),
          isUnique: index!.isUnique,
          where: index!.where ?? null,
        })),
        foreignKeys: sorted(table.foreignKeys),
        compositePrimaryKeys: sorted(table.compositePrimaryKeys),
        uniqueConstraints: sorted(table.uniqueConstraints),
        checkConstraints: sorted(table.checkConstraints),
      },
    ]),
  );
}

describe("schema agreement between SQLite and PostgreSQL", () => {
  const sqlite = describeSchema(sqliteSchema);
  const pg = describeSchema(pgSchema);

  it("describes every table of both modules", () => {
    expect(Object.keys(sqlite.tables).length).toBeGreaterThan(20);
    expect(Object.keys(pg.tables).sort()).toEqual(Object.keys(sqlite.tables).sort());
  });

  it("exports the same names for the same tables", () => {
    expect(pg.exports).toEqual(sqlite.exports);
    expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
  });

  it("has the same columns, keys, defaults, indexes, foreign keys and checks", () => {
    expect(differences(sqlite.tables, pg.tables)).toEqual([]);
  });

  it("has committed migrations that add up to the same tables on both dialects", () => {
    // Catches a schema change whose migration was generated for one dialect only.
    expect(latestSnapshot(pgMigrationsFolder())).toEqual(latestSnapshot(migrationsFolder()));
  });

  it("reports a column, an index or a foreign-key rule present on one side only", () => {
    // A deliberately altered PostgreSQL copy of a small SQLite pair: the comparison must see it.
    const parent = sqliteTable("parents", { id: sqliteText().primaryKey() });
    const child = sqliteTable("children", {
      id: sqliteText().primaryKey(),
      parentId: sqliteText().references(() => parent.id, { onDelete: "cascade" }),
    });
    const pgParent = pgTable("parents", { id: pgText().primaryKey() });
    const pgChild = pgTable(
      "children",
      {
        id: pgText().primaryKey(),
        parentId: pgText().references(() => pgParent.id, { onDelete: "set null" }),
        extra: pgInteger(),
      },
      (t) => [pgIndex("children_extra").on(t.extra)],
    );
    const found = differences(describeSchema({ parent, child }).tables, describeSchema({ pgParent, pgChild }).tables);
    expect(found).toEqual([
      "column children.extra only in postgres",
      expect.stringMatching(/^indexes of children: sqlite {2}≠ postgres .*children_extra/),
      expect.stringMatching(/^foreignKeys of children: .*"cascade".* ≠ postgres .*"set null"/),
    ]);
    // And on the real description: one column dropped from a copy of the PostgreSQL side.
    const altered = structuredClone(pg.tables);
    delete altered.users?.columns.bio;
    expect(differences(sqlite.tables, altered)).toEqual(["column users.bio only in sqlite"]);
  });
});

describe("the PostgreSQL schema generated from the SQLite one", () => {
  it("is committed as scripts/emit-pg-schema.ts writes it now", () => {
    expect(stalePgFiles(), `src/schema-pg is out of date: run ${GENERATE_COMMAND}`).toEqual([]);
  });

  it("has the same column helpers, each making the same column on both dialects", () => {
    const sqliteHelpers = { ...sqliteColumns };
    const pgHelpers = { ...pgColumns };
    expect(Object.keys(pgHelpers).sort()).toEqual(Object.keys(sqliteHelpers).sort());
    const helpers = Object.keys(sqliteHelpers) as (keyof typeof sqliteHelpers)[];
    expect(helpers.length).toBeGreaterThan(5);
    for (const helper of helpers) {
      const sqlite = describeSchema({ t: sqliteTable("t", { c: sqliteHelpers[helper]() }) }).tables;
      const pg = describeSchema({ t: pgTable("t", { c: pgHelpers[helper]() }) }).tables;
      expect(differences(sqlite, pg), helper).toEqual([]);
    }
  });

  it("renames the table function and the core import, and keeps everything else", () => {
    const source = [
      'import { sql } from "drizzle-orm";',
      'import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";',
      'import { flag } from "./columns";',
      "",
      "/** Comments stay as they are, SQLite or not. */",
      'export const things = sqliteTable("things", { n: integer(), on: flag(), name: text() }, (t) => [',
      '  index("things_n").on(t.n),',
      `  check("things_n_positive", sql\`\${t.n} > 0\`),`,
      "]);",
      "",
    ].join("\n");
    const emitted = emitPgFile("things.ts", source);
    expect(emitted.split("\n").slice(0, 2)).toEqual([
      "// Generated from ../schema/things.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file",
      `// and run \`${GENERATE_COMMAND}\`.`,
    ]);
    expect(emitted.split("\n").slice(3).join("\n")).toBe(
      source
        .replace(
          'import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";',
          'import { check, index, integer, pgTable, text } from "drizzle-orm/pg-core";',
        )
        .replace("sqliteTable(", "pgTable("),
    );
  });

  it("refuses SQLite-only column types, naming the helper to use", () => {
    const table = (imports: string, column: string) =>
      `import { ${imports} } from "drizzle-orm/sqlite-core";\nexport const t = sqliteTable("t", { c: ${column} });\n`;
    expect(() => emitPgFile("t.ts", table("integer, sqliteTable", 'integer({ mode: "boolean" })'))).toThrow(
      /integer\(\{.*flag\(\)/,
    );
    expect(() =>
      emitPgFile("t.ts", table("integer, sqliteTable", "integer().primaryKey({ autoIncrement: true })")),
    ).toThrow(/autoIncrementId\(\)/);
    expect(() => emitPgFile("t.ts", table("real, sqliteTable", "real()"))).toThrow(
      /`real` from drizzle-orm\/sqlite-core has no PostgreSQL twin/,
    );
    expect(() => emitPgFile("t.ts", table("sqliteTable, text", 'text({ mode: "json" })'))).toThrow(/text modes/);
  });
});
