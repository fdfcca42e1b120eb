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
