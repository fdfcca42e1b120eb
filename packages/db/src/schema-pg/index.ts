// Generated from ../schema/index.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.
/**
 * The PostgreSQL tables: the same export names, table, column, index and constraint names and JS
 * row shapes as ../schema, because every file here but columns.ts is generated from the SQLite
 * file of the same name (sqliteTable → pgTable). The SQL types that differ come from the helpers
 * of ./columns.ts: `timestamptz(3)` timestamps, `boolean` flags, `bigint` (read as number)
 * where SQLite's 64-bit `integer` holds byte sizes, counts or the storage object key.
 * schema-agreement.test.ts compares the two schemas and checks these files are up to date;
 * dialect.ts checks the row types.
 */
export * from "./account-purges";
export * from "./alerts";
export * from "./api-keys";
export * from "./beta-features";
export * from "./entities";
export * from "./idempotency";
export * from "./integrations";
export * from "./notifications";
export * from "./org-settings";
export * from "./projects";
export * from "./runs";
export * from "./service-accounts";
export * from "./sessions";
export * from "./storage";
export * from "./team-purges";
export * from "./teams";
export * from "./user-settings";
export * from "./user-tokens";
export * from "./users";
