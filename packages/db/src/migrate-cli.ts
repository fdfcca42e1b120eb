import { closeDatabase, openDatabase } from "./client";
import { dialectOf } from "./dialect";

/**
 * `pnpm --filter @homebase/db migrate [DATA_DIR]`: brings the database `DATABASE_URL` names to
 * the latest migration — SQLite (DATA_DIR/homebase.sqlite, the default) or PostgreSQL, where
 * an advisory lock lets many processes start together and migrate once.
 */
// biome-ignore lint/style/noProcessEnv: a command-line tool, run by the launcher with the apps' environment
const url = process.env.DATABASE_URL || undefined;
const dataDir = process.argv[2] ?? "./data";
try {
  const db = await openDatabase({ url, dataDir, poolSize: 1 });
  const dialect = dialectOf(db);
  await closeDatabase(db);
  console.log(
    dialect === "postgres" ? "Database migrated (PostgreSQL)" : `Database migrated: ${dataDir}/homebase.sqlite`,
  );
} catch (error) {
  // The message names the database without its password (pg errors never carry it).
  console.error(`Database migration failed: ${(error as Error).message}`);
  process.exit(1);
}
