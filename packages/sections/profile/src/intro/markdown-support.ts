/** The intro's stored limit (API.md: `markdown ≤ 20000 chars`). */
export const INTRO_MAX_LENGTH = 20_000;

/** Code is shown as written, so tags or brackets inside it are not constructs to keep. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/**
 * Whether this Markdown has raw HTML or an image inside a link. BlockNote's blocks have
 * neither, yet that is exactly how a social badge is written (`[![X](badge.svg)](https://x.com/…)`
 * or `<a href=…><img height="28" …></a>`). The visual editor keeps such parts as written, in
 * `markdown` blocks (intro-document.ts); this only picks the words of its warning.
 */
export function visualEditorLoses(markdown: string): boolean {
  const prose = withoutCode(markdown);
  const rawHtml = /<\/?[a-z][a-z0-9-]*(\s[^>]*)?\/?>/i.test(prose);
  const linkedImage = /\[\s*!\[[^\]]*\]\([^)]*\)\s*\]\(/.test(prose);
  return rawHtml || linkedImage;
}
