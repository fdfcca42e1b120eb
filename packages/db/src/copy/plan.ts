import { is } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { PgTable, getTableConfig as pgTableConfig } from "drizzle-orm/pg-core";
import { type SQLiteColumn, SQLiteTable, getTableConfig as sqliteTableConfig } from "drizzle-orm/sqlite-core";
import * as sqliteSchema from "../schema";
import * as pgSchema from "../schema-pg";

/** One table to copy: its SQL name and the Drizzle table object of each dialect. */
export interface TablePair {
  /** The SQL table name, the same on both dialects (e.g. "storage_objects"). */
  name: string;
  sqlite: SQLiteTable;
  pg: PgTable;
}

/** A table in copy order, with the foreign-key columns whose values are set only after every row is in. */
export interface PlannedTable extends TablePair {
  /**
   * Row keys (the TypeScript property names, e.g. "parentId") of nullable foreign-key columns
   * that close a cycle (a self-reference, or tables that reference each other): inserted as
   * null, then updated to their real values once every table is copied. Usually empty.
   */
  deferredKeys: string[];
}

/**
 * The Homebase tables of both schema modules, paired by export name. Throws when a table is
 * declared in one dialect only or under another SQL name (schema-agreement.test.ts prevents
 * both; this keeps the copy from silently skipping a table if that test was bypassed).
 */
export function homebaseTables(
  sqliteModule: Record<string, unknown> = sqliteSchema,
  pgModule: Record<string, unknown> = pgSchema,
): TablePair[] {
  const pairs: TablePair[] = [];
  for (const [key, value] of Object.entries(sqliteModule)) {
    if (!is(value, SQLiteTable)) continue;
    const pgTable = pgModule[key];
    const name = sqliteTableConfig(value).name;
    if (!is(pgTable, PgTable)) throw new Error(`Table ${name} (${key}) has no PostgreSQL definition in schema-pg`);
    if (pgTableConfig(pgTable).name !== name) {
      throw new Error(`Table ${key} is "${name}" in SQLite but "${pgTableConfig(pgTable).name}" in PostgreSQL`);
    }
    pairs.push({ name, sqlite: value, pg: pgTable });
  }
  for (const [key, value] of Object.entries(pgModule)) {
    if (is(value, PgTable) && !is(sqliteModule[key], SQLiteTable)) {
      throw new Error(`Table ${pgTableConfig(value).name} (${key}) has no SQLite definition in schema`);
    }
  }
  return pairs;
}

/** The SQL name of a column as Drizzle writes it with `casing: "snake_case"` (the package's setting). */
export function columnSqlName(column: { name: string; keyAsName: boolean }): string {
  return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

/**
 * Orders `tables` so that every table comes after the tables its foreign keys reference (read
 * from the SQLite definitions with getTableConfig); ties are broken by name, so the order is
 * stable. A cycle (including a table referencing itself) is broken by deferring one of its
 * foreign keys whose columns are all nullable (see {@link PlannedTable.deferredKeys}). Throws
 * when a cycle has only NOT NULL foreign keys, since no insert order could satisfy it.
 */
export function planCopy(tables: TablePair[]): PlannedTable[] {
  interface Edge {
    child: string;
    parent: string;
    keys: string[];
    nullable: boolean;
  }
  const byName = new Map(tables.map((t) => [t.name, t]));
  const edges: Edge[] = [];
  for (const table of tables) {
    const config = sqliteTableConfig(table.sqlite);
    const keyOf = new Map(Object.entries(table.sqlite).map(([key, column]) => [column, key]));
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const parent = sqliteTableConfig(ref.foreignTable).name;
      if (!byName.has(parent)) continue; // A table outside the copied set: nothing to order against.
      edges.push({
        child: table.name,
        parent,
        keys: ref.columns.map((column: SQLiteColumn) => keyOf.get(column) ?? column.name),
        nullable: ref.columns.every((column: SQLiteColumn) => !column.notNull),
      });
    }
  }

  const deferred = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set()]));
  let live = edges.filter((edge) => {
    if (edge.child !== edge.parent) return true;
    if (!edge.nullable) throw new Error(`Table ${edge.child} references itself through NOT NULL columns`);
    for (const key of edge.keys) deferred.get(edge.child)?.add(key);
    return false;
  });
  const order: string[] = [];
  const remaining = new Set(byName.keys());
  while (remaining.size > 0) {
    const ready = [...remaining]
      .filter((name) => !live.some((edge) => edge.child === name && remaining.has(edge.parent)))
      .sort();
    if (ready.length > 0) {
      for (const name of ready) remaining.delete(name);
      order.push(...ready);
      continue;
    }
    // Every remaining table waits on another: a cycle. Defer one nullable edge inside it.
    const breakable = live
      .filter((edge) => remaining.has(edge.child) && remaining.has(edge.parent) && edge.nullable)
      .sort((a, b) => a.child.localeCompare(b.child) || a.parent.localeCompare(b.parent))[0];
    if (!breakable) {
      throw new Error(`Foreign keys form a cycle of NOT NULL columns among: ${[...remaining].sort().join(", ")}`);
    }
    for (const key of breakable.keys) deferred.get(breakable.child)?.add(key);
    live = live.filter((edge) => edge !== breakable);
  }
  return order.map((name) => {
    const table = byName.get(name) as TablePair;
    return { ...table, deferredKeys: [...(deferred.get(name) ?? [])] };
  });
}
