/**
 * The PostgreSQL definitions of the tables in ../schema, one file per domain, side by side with
 * the SQLite ones: same export names, table, column, index and constraint names, and the same
 * JS row shapes (Date timestamps, booleans, numbers, JSON kept as text). `bigint` (read as
 * number) where SQLite's 64-bit `integer` holds byte sizes, counts or the storage object key.
 * schema-agreement.test.ts fails when the two disagree; dialect.ts checks the row types.
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
