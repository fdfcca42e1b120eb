import { describe, expect, it } from "vitest";
import { storageFailureStatus } from "./storage-errors";

/** A driver error as better-sqlite3, node-postgres or Node's fs raise it, optionally wrapped as Drizzle does. */
function driverError(code: string, wrapped = false): Error {
  const error = Object.assign(new Error(`driver failed: ${code}`), { code });
  return wrapped ? new Error("Failed query: insert …", { cause: error }) : error;
}

describe("storageFailureStatus", () => {
  it.each([
    ["SQLITE_FULL", 507],
    ["53100", 507], // PostgreSQL disk_full
    ["ENOSPC", 507],
    ["EDQUOT", 507],
    ["SQLITE_READONLY_DBMOVED", 503],
    ["SQLITE_IOERR_WRITE", 503],
    ["25006", 503], // PostgreSQL read_only_sql_transaction (a standby)
    ["58030", 503], // PostgreSQL io_error
    ["EROFS", 503],
    ["EIO", 503],
  ] as const)("answers %s with %i, also when Drizzle wraps it", (code, status) => {
    expect(storageFailureStatus(driverError(code))).toBe(status);
    expect(storageFailureStatus(driverError(code, true))).toBe(status);
  });

  it("leaves other failures (a unique violation, a bug) to the caller", () => {
    expect(storageFailureStatus(driverError("23505"))).toBeUndefined();
    expect(storageFailureStatus(driverError("SQLITE_CONSTRAINT_UNIQUE", true))).toBeUndefined();
    expect(storageFailureStatus(new TypeError("x is undefined"))).toBeUndefined();
  });
});
