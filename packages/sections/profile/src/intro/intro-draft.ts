/**
 * The intro being written, kept in localStorage (per user) until it is saved or discarded,
 * so a reload or a closed tab does not lose it. Storage may be unavailable or full (private
 * windows, quotas): then there is simply no draft.
 */
const keyFor = (username: string) => `homebase:intro-draft:${username}`;

export function readIntroDraft(username: string): string | null {
  try {
    return window.localStorage.getItem(keyFor(username));
  } catch {
    return null;
  }
}

export function writeIntroDraft(username: string, markdown: string): void {
  try {
    window.localStorage.setItem(keyFor(username), markdown);
  } catch {
    // No room or no storage: the beforeunload prompt still warns.
  }
}

export function clearIntroDraft(username: string): void {
  try {
    window.localStorage.removeItem(keyFor(username));
  } catch {
    // Nothing stored.
  }
}
