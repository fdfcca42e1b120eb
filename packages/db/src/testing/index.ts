import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, type Db, openDb } from "../client";

export interface TestDb {
  db: Db;
  dir: string;
  file: string;
  /** Closes the database and removes its folder. */
  cleanup: () => void;
}

/**
 * A fresh, migrated SQLite file in its own temporary folder (or in `options.dir`, e.g. a small
 * file system a test mounted), for one test or suite.
 */
export function createTestDb(options: { dir?: string } = {}): TestDb {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "homebase-db-"));
  const file = join(dir, "homebase.sqlite");
  const db = openDb({ file });
  return {
    db,
    dir,
    file,
    cleanup: () => {
      closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
