/**
 * The website of a public profile (`PATCH /me` `websiteUrl`, API.md "Profile"): one rule for the
 * API, REST clients and the settings form. People write addresses as they say them
 * ("example.org", "ada.dev/blog"), so an address without a scheme gets `https://`; an address
 * with a scheme keeps it and must be http or https — `javascript:`, `data:`, `ftp:` and the like
 * are refused, never rewritten into something else.
 */

export const WEBSITE_URL_MAX_LENGTH = 2048;

/**
 * A scheme as in RFC 3986 (`javascript:`, `mailto:`, `https:`), but not a host followed by a
 * port ("localhost:8080", "example.org:8443/x"), which is a scheme-less address.
 */
const SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d+(?:[/?#]|$))/i;

/**
 * "example.org" → "https://example.org", "//example.org" → "https://example.org"; anything else
 * (an address with a scheme, a path such as "/about", empty) is only trimmed, and judged by
 * {@link websiteUrlProblem}.
 */
export function normalizeWebsiteUrl(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith("//")) return `https:${trimmed}`;
  if (trimmed === "" || trimmed.startsWith("/") || SCHEME.test(trimmed)) return trimmed;
  return `https://${trimmed}`;
}

/** Why a (normalized) website address is not acceptable, or undefined when it is. */
export function websiteUrlProblem(value: string): string | undefined {
  if (value.length > WEBSITE_URL_MAX_LENGTH) return `Must be at most ${WEBSITE_URL_MAX_LENGTH} characters.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a web address such as example.org or https://example.org.";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `Only http:// and https:// addresses can be linked, not ${url.protocol}.`;
  }
  if (url.hostname.length === 0) return "Enter a web address such as example.org or https://example.org.";
  return undefined;
}
