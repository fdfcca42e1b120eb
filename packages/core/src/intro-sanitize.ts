/**
 * The intro's HTML allowlist, shared by the server's renderer (intro.ts) and the browser's
 * intro editor (packages/sections/profile), which sanitizes with it before any DOM sees the
 * stored intro. Browser-safe: no Node built-ins, imported as `@homebase/core/intro-sanitize`.
 */
import rehypeParse from "rehype-parse";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";

/**
 * GitHub's sanitize schema (hast-util-sanitize's `defaultSchema`), narrowed: links may point
 * to http(s) and mailto only, images load over http(s) only and keep `src alt width height`
 * (so a social badge sized with `width` or `height` renders), and nothing carries `style`,
 * event handlers or form actions; links keep `title` and the aria and data attributes of
 * footnote links. `id`, `name` and `aria-describedby` get the `user-content-` prefix (DOM
 * clobbering), as on GitHub. API.md "introHtml" states the same rule.
 */
export const INTRO_SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  protocols: {
    ...defaultSchema.protocols,
    href: ["http", "https", "mailto"],
    src: ["http", "https"],
    cite: ["http", "https"],
    longDesc: ["http", "https"],
  },
  attributes: {
    ...defaultSchema.attributes,
    img: ["src", "alt", "width", "height", "title"],
    // The aria and data attributes are those of GFM footnote links (GitHub keeps them too).
    a: ["href", "title", "ariaDescribedBy", "ariaLabel", "dataFootnoteRef", "dataFootnoteBackref"],
  },
};

/** The `id`/`name` prefix the sanitizer adds ({@link INTRO_SANITIZE_SCHEMA}'s `clobberPrefix`). */
export const INTRO_CLOBBER_PREFIX = INTRO_SANITIZE_SCHEMA.clobberPrefix ?? "user-content-";

/**
 * {@link INTRO_SANITIZE_SCHEMA} plus `data-language` on `code`, the one attribute the block
 * editor (BlockNote) needs to keep a code block's language; it carries no URL and no script.
 */
export const INTRO_EDITOR_SANITIZE_SCHEMA: SanitizeSchema = {
  ...INTRO_SANITIZE_SCHEMA,
  attributes: {
    ...INTRO_SANITIZE_SCHEMA.attributes,
    code: [...(INTRO_SANITIZE_SCHEMA.attributes?.code ?? []), "dataLanguage"],
  },
};

/**
 * An HTML fragment through an intro allowlist, parsed with parse5 (never a live DOM), so
 * the result is safe to hand to `innerHTML` or an editor. Throws a `RangeError` when the
 * HTML nests so deeply that the call stack runs out (thousands of levels); callers that
 * take arbitrary HTML check it with `measureIntroNesting` first or catch that.
 *
 * @param html an HTML fragment (not a document)
 * @param schema the allowlist, {@link INTRO_SANITIZE_SCHEMA} unless told
 */
export function sanitizeIntroHtml(html: string, schema: SanitizeSchema = INTRO_SANITIZE_SCHEMA): string {
  return String(
    unified().use(rehypeParse, { fragment: true }).use(rehypeSanitize, schema).use(rehypeStringify).processSync(html),
  );
}
