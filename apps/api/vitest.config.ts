import { withDialects } from "@homebase/vitest-config";

// Every test file runs once on SQLite and once on PostgreSQL (HOMEBASE_TEST_DIALECTS picks one).
export default withDialects(
  {},
  {
    sqliteOnly: [
      // Fills the file system under the SQLite file itself: a PostgreSQL server's disk is not the
      // API's to fill. What a full DATA_DIR does (blobs, /readyz) is in full-disk.test.ts, on both.
      "src/routes/full-disk-sqlite.test.ts",
    ],
  },
);
