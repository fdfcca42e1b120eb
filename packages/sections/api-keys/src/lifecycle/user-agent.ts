/** A client's `User-Agent` header in words: "Chrome 120 on macOS", "wandb SDK 0.17.0", "curl 8.5.0". */

const OS: [RegExp, string][] = [
  [/Windows/, "Windows"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/OPR\/(\d+)/, "Opera"],
  [/Firefox\/(\d+)/, "Firefox"],
  [/HeadlessChrome\/(\d+)/, "Headless Chrome"],
  [/Chrom(?:e|ium)\/(\d+)/, "Chrome"],
  [/Version\/(\d+(?:\.\d+)?).*Safari\//, "Safari"],
];

const PROGRAMS: [RegExp, (version: string) => string][] = [
  [/(?:wandb|W&B Internal Client)[/ ]v?(\d[\w.]*)/i, (v) => `wandb SDK ${v}`],
  [/python-requests\/(\d[\w.]*)/, (v) => `Python (requests ${v})`],
  [/python-httpx\/(\d[\w.]*)/, (v) => `Python (httpx ${v})`],
  [/aiohttp\/(\d[\w.]*)/, (v) => `Python (aiohttp ${v})`],
  [/Python-urllib\/(\d[\w.]*)/, (v) => `Python ${v} (urllib)`],
  [/^curl\/(\d[\w.]*)/, (v) => `curl ${v}`],
  [/^Wget\/(\d[\w.]*)/, (v) => `Wget ${v}`],
  [/^Go-http-client\/(\d[\w.]*)/, () => "Go program"],
  [/^(?:node|undici)(?:\/|$)/, () => "Node.js program"],
  [/^node-fetch/, () => "Node.js program"],
  [/^axios\/(\d[\w.]*)/, (v) => `Node.js (axios ${v})`],
];

const MAX_LENGTH = 60;

export function describeUserAgent(userAgent: string | null | undefined): string {
  const ua = userAgent?.trim();
  if (!ua) return "Unknown client";
  for (const [pattern, describe] of PROGRAMS) {
    const match = pattern.exec(ua);
    if (match) return describe(match[1] ?? "");
  }
  if (/^Mozilla\//.test(ua)) {
    const os = OS.find(([pattern]) => pattern.test(ua))?.[1];
    for (const [pattern, name] of BROWSERS) {
      const match = pattern.exec(ua);
      if (match) return os ? `${name} ${match[1]} on ${os}` : `${name} ${match[1]}`;
    }
    return os ? `A web browser on ${os}` : "A web browser";
  }
  // Unknown program: its first product token ("MyTool/1.2 (…)" → "MyTool 1.2").
  const product = /^([\w.-]+)\/(\d[\w.]*)/.exec(ua);
  const text = product ? `${product[1]} ${product[2]}` : ua;
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
