/**
 * A session's browser and system in plain words ("Chrome on macOS"), from its User-Agent
 * header, as GitHub's sessions page shows them. Order matters: Edge and Opera also say
 * "Chrome", and Chrome also says "Safari".
 */
const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\b(?:OPR|Opera)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bVivaldi\//, "Vivaldi"],
  [/\b(?:Firefox|FxiOS)\//, "Firefox"],
  [/\b(?:HeadlessChrome|Chrome|Chromium|CriOS)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
  [/^curl\//, "curl"],
  [/^python-requests\//, "Python requests"],
  [/^Wget\//, "Wget"],
];

const SYSTEMS: readonly [RegExp, string][] = [
  [/\bWindows\b/, "Windows"],
  [/\biPhone\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b|\bX11\b/, "Linux"],
];

function find(table: readonly [RegExp, string][], text: string): string | null {
  return table.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

export interface DeviceDescription {
  browser: string | null;
  system: string | null;
  /** "Chrome on macOS", "Firefox", "Unknown browser on Linux", or "Unknown browser". */
  label: string;
}

export function describeUserAgent(userAgent: string | null | undefined): DeviceDescription {
  const ua = userAgent?.trim() ?? "";
  const browser = ua ? find(BROWSERS, ua) : null;
  const system = ua ? find(SYSTEMS, ua) : null;
  const label = system ? `${browser ?? "Unknown browser"} on ${system}` : (browser ?? "Unknown browser");
  return { browser, system, label };
}
