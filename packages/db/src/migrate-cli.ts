import { closeDatabase, openDatabase } from "./client";
import { dialectOf } from "./dialect";

/**
 * `pnpm --filter @homebase/db migrate [DATA_DIR]`: applies pending migrations to the database of
 * `DATABASE_URL` (the same variable as the API and worker): DATA_DIR/homebase.sqlite when it is
 * unset or `file:`, else the PostgreSQL database it names (under the migration advisory lock, so
 * it is safe while other processes start). DATA_DIR defaults to ./data, then $DATA_DIR.
 */
// biome-ignore lint/style/noProcessEnv: a one-shot CLI that takes the apps' variables as they are
const env = process.env;
const dataDir = process.argv[2] ?? env.DATA_DIR ?? "./data";
const db = await openDatabase({ url: env.DATABASE_URL, dataDir, poolSize: 1 });
const dialect = dialectOf(db);
await closeDatabase(db);
console.log(dialect === "postgres" ? "Database migrated: PostgreSQL (DATABASE_URL)" : `Database migrated: ${dataDir}`);
