/**
 * Why `copyDatabase` would not start: the target already holds Homebase rows, a database is not
 * at this version's latest migration, the two databases' tables or columns differ, or a
 * database is of the wrong dialect. Nothing was written when it is thrown.
 */
export class CopyRefusedError extends Error {
  constructor(
    readonly code: "target_not_empty" | "migration_level" | "schema_mismatch" | "wrong_dialect",
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The copied rows do not add up (a target table's row count differs from the source's after
 * the copy); thrown inside the PostgreSQL transaction, which is then rolled back.
 */
export class CopyVerificationError extends Error {
  readonly code = "verification_failed";
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * PostgreSQL rejected a batch of one table (a constraint, a value it cannot store such as a NUL
 * character in text); the copy was rolled back. The message names the table, the rows and the
 * database's reason, never the row values (they may be secrets' digests or personal data);
 * `cause` keeps the driver's error.
 */
export class CopyFailedError extends Error {
  readonly code = "insert_failed";
  constructor(
    readonly table: string,
    /** Rows of the table already inserted before the failing batch. */
    readonly offset: number,
    /** Rows in the failing batch. */
    readonly batchRows: number,
    cause: unknown,
  ) {
    super(
      `Copying table ${table} failed at rows ${offset + 1}–${offset + batchRows} (rolled back, nothing was written): ${rootMessage(cause)}`,
      { cause },
    );
    this.name = new.target.name;
  }
}

/** The innermost error message (Drizzle wraps the driver's error, whose message is the reason). */
function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
