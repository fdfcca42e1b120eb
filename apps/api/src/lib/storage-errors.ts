/**
 * Failures of the disk under DATA_DIR, told apart from bugs so that users get an honest answer:
 * 507 Insufficient Storage (RFC 4918 §11.5) when the disk or quota is full — SQLite's
 * SQLITE_FULL, PostgreSQL's disk_full (SQLSTATE 53100), the OS's ENOSPC and EDQUOT — and 503 when
 * it is read-only or failing (SQLite's SQLITE_READONLY* and SQLITE_IOERR*; PostgreSQL's
 * read_only_sql_transaction 25006, e.g. a standby, and io_error 58030; EROFS, EIO). Drizzle wraps
 * driver errors, so the cause chain is searched.
 */
const FULL = new Set(["SQLITE_FULL", "53100", "ENOSPC", "EDQUOT"]);
const UNWRITABLE = new Set(["25006", "58030", "EROFS", "EIO"]);

export function storageFailureStatus(error: unknown): 507 | 503 | undefined {
  for (
    let e = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    if (FULL.has(code)) return 507;
    if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_IOERR") || UNWRITABLE.has(code)) return 503;
  }
  return undefined;
}

export const STORAGE_FULL_DETAIL =
  "The server's storage is full, so this change was not saved. Nothing was lost; try again once an administrator has freed space.";
export const STORAGE_UNAVAILABLE_DETAIL =
  "The server's storage cannot be written right now, so this change was not saved. Try again shortly.";
