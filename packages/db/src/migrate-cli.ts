import { join } from "node:path";
import { closeDb, openDb } from "./client";

/** `pnpm --filter @homebase/db migrate [DATA_DIR]`: applies migrations to DATA_DIR/homebase.sqlite. */
const dataDir = process.argv[2] ?? "./data";
const db = openDb({ file: join(dataDir, "homebase.sqlite") });
closeDb(db);
console.log(`Database migrated: ${join(dataDir, "homebase.sqlite")}`);
