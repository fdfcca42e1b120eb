/** Where signing in leads when no (valid) `next` is given. */
export const DEFAULT_AFTER_LOGIN = "/settings";

/**
 * The `next` parameter of /login and /signup, if it is a path on this origin
 * ("/settings/api-keys?q=x"); otherwise `/settings`. Refuses absolute URLs,
 * protocol-relative ("//evil.example") and backslash tricks ("/\\evil.example"),
 * and pages that would loop back to sign-in.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.includes("\\")) return DEFAULT_AFTER_LOGIN;
  // Control characters (tabs, newlines) are stripped by URL parsers and could smuggle a host.
  for (const char of next) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return DEFAULT_AFTER_LOGIN;
  }
  try {
    const base = "https://homebase.invalid";
    const url = new URL(next, base);
    if (url.origin !== base) return DEFAULT_AFTER_LOGIN;
    if (url.pathname === "/login" || url.pathname === "/signup") return DEFAULT_AFTER_LOGIN;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
}

/** `/login?next=…` for the page the user is on now. */
export function loginPathFor(location: { pathname: string; search: string; hash?: string }): string {
  const here = `${location.pathname}${location.search}${location.hash ?? ""}`;
  return `/login?next=${encodeURIComponent(here)}`;
}

/** The other auth page (`/login`, `/signup`), carrying this page's `next` along when it was given one. */
export function keepingNext(path: string, params: URLSearchParams): string {
  return params.has("next") ? `${path}?next=${encodeURIComponent(safeNext(params.get("next")))}` : path;
}
