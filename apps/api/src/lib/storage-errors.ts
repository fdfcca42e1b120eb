/**
 * Failures of the disk under DATA_DIR, told apart from bugs so that users get an honest answer:
 * 507 Insufficient Storage (RFC 4918 §11.5) when the disk or quota is full — SQLite's
 * SQLITE_FULL, the OS's ENOSPC and EDQUOT — and 503 when it is read-only or failing (SQLite's
 * SQLITE_READONLY* and SQLITE_IOERR*, EROFS, EIO). Drizzle wraps driver errors, so the cause
 * chain is searched.
 */
export function storageFailureStatus(error: unknown): 507 | 503 | undefined {
  for (
    let e = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT") return 507;
    if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_IOERR") || code === "EROFS" || code === "EIO") {
      return 503;
    }
  }
  return undefined;
}

export const STORAGE_FULL_DETAIL =
  "The server's storage is full, so this change was not saved. Nothing was lost; try again once an administrator has freed space.";
export const STORAGE_UNAVAILABLE_DETAIL =
  "The server's storage cannot be written right now, so this change was not saved. Try again shortly.";
