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

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super("forbidden", message);
  }
}

export class InvalidError extends DomainError {
  constructor(message: string, field?: string) {
    super("invalid", message, field);
  }
}

export function isUniqueViolation(error: unknown): error is Error & { code: string } {
  const direct =
    error instanceof Error &&
    "code" in error &&
    (error.code === "SQLITE_CONSTRAINT_UNIQUE" || error.code === "SQLITE_CONSTRAINT_PRIMARYKEY");
  // Drizzle may wrap the driver's error: look at its cause too.
  return direct || (error instanceof Error && error.cause !== error && isUniqueViolation(error.cause));
}
