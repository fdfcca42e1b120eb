/** Domain errors raised by query functions; the API maps each `code` to a problem document. */
export class DomainError extends Error {
  constructor(
    readonly code: "conflict" | "not_found" | "forbidden" | "invalid",
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, field?: string) {
    super("conflict", message, field);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super("not_found", message);
  }
}

export class InvalidError extends DomainError {
  constructor(message: string, field?: string) {
    super("invalid", message, field);
  }
}

/**
 * The driver codes of a UNIQUE or PRIMARY KEY violation: better-sqlite3's extended result codes,
 * and PostgreSQL's SQLSTATE 23505 (unique_violation, primary keys included), which node-postgres
 * puts in the error's `code`.
 */
const UNIQUE_VIOLATION_CODES: ReadonlySet<unknown> = new Set([
  "SQLITE_CONSTRAINT_UNIQUE",
  "SQLITE_CONSTRAINT_PRIMARYKEY",
  "23505",
]);

/** Whether `error` is the database refusing a duplicate key, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ("code" in error && UNIQUE_VIOLATION_CODES.has(error.code)) return true;
  // Drizzle wraps the driver's error (DrizzleQueryError): look at its cause too.
  return error.cause !== error && isUniqueViolation(error.cause);
}
