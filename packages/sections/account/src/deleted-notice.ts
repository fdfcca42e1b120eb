/**
 * After the account is deleted the browser goes to sign-in, which then says so
 * (`/login?notice=account-deleted`). The notice only shows in the tab where the deletion was
 * just made: a one-time mark in sessionStorage, so a link crafted with the flag shows nothing.
 */
export const ACCOUNT_DELETED_NOTICE = "account-deleted";
export const AFTER_ACCOUNT_DELETED = `/login?notice=${ACCOUNT_DELETED_NOTICE}`;
const MARK_KEY = "homebase:account-deleted";

/** Called right before leaving for {@link AFTER_ACCOUNT_DELETED}. */
export function markAccountDeleted(): void {
  try {
    sessionStorage.setItem(MARK_KEY, String(Date.now()));
  } catch {
    // Storage blocked: sign-in just shows no notice.
  }
}

/** Whether this tab just deleted its account (a mark younger than a minute). Does not consume it. */
export function hasAccountDeletedMark(now = Date.now()): boolean {
  try {
    const at = Number(sessionStorage.getItem(MARK_KEY));
    return Number.isFinite(at) && at > 0 && now - at < 60_000;
  } catch {
    return false;
  }
}

/** Forgets the mark once the notice has been shown: a reload of sign-in is quiet. */
export function clearAccountDeletedMark(): void {
  try {
    sessionStorage.removeItem(MARK_KEY);
  } catch {
    // Nothing to forget.
  }
}
