import type { Element, Root, RootContent } from "hast";
import rehypeExternalLinks from "rehype-external-links";
import rehypeRaw from "rehype-raw";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { assertIntroNesting } from "./intro-nesting";
import { INTRO_CLOBBER_PREFIX, INTRO_SANITIZE_SCHEMA } from "./intro-sanitize";

export * from "./intro-nesting";
export { INTRO_CLOBBER_PREFIX, INTRO_SANITIZE_SCHEMA, sanitizeIntroHtml } from "./intro-sanitize";

/** The intro's stored limit in UTF-16 code units (API.md: `markdown ≤ 20000 chars`). */
export const INTRO_MAX_LENGTH = 20_000;

/**
 * Points in-page links (`#fn-1`) at the element the sanitizer renamed (`user-content-fn-1`),
 * as GitHub does. remark-rehype is told not to prefix footnote ids itself (`clobberPrefix: ""`),
 * because rehype-sanitize prefixes every `id` again, which gave `user-content-user-content-fn-1`
 * while the links said `#user-content-fn-1`. Only links whose prefixed target exists change.
 */
function rehypeLinkClobberedIds() {
  return (tree: Root) => {
    const elements = elementsOf(tree);
    const ids = new Set(elements.flatMap((el) => (typeof el.properties.id === "string" ? [el.properties.id] : [])));
    for (const el of elements) {
      const href = el.properties.href;
      if (el.tagName !== "a" || typeof href !== "string" || !href.startsWith("#")) continue;
      const target = `${INTRO_CLOBBER_PREFIX}${decodeFragment(href.slice(1))}`;
      if (ids.has(target)) el.properties.href = `#${target}`;
    }
  };
}

/** Every element of the tree, walked with a stack (hostile nesting must not grow the call stack). */
function elementsOf(tree: Root): Element[] {
  const found: Element[] = [];
  const stack: (Root | RootContent)[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "element") found.push(node);
    if ("children" in node) stack.push(...node.children);
  }
  return found;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: "" })
  .use(rehypeRaw)
  .use(rehypeSanitize, INTRO_SANITIZE_SCHEMA)
  .use(rehypeLinkClobberedIds)
  .use(rehypeExternalLinks, { rel: ["nofollow", "noopener", "noreferrer"], protocols: ["http", "https"] })
  .use(rehypeStringify);

/**
 * The intro's GitHub-flavoured Markdown (with inline HTML) as sanitized HTML
 * ({@link INTRO_SANITIZE_SCHEMA}); "" for a blank intro.
 *
 * CPU-bound and synchronous: up to seconds for hostile input of {@link INTRO_MAX_LENGTH}
 * characters, so a server runs it off its event loop with a time limit (apps/api's intro
 * render pool). Throws {@link IntroTooDeeplyNestedError} (checked before parsing) when the
 * text nests deeper than the renderer takes.
 */
export function renderIntroHtml(markdown: string): string {
  if (markdown.trim() === "") return "";
  assertIntroNesting(markdown);
  return String(processor.processSync(markdown));
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * The intro as plain text in a `<pre>`, every character escaped: what a page shows for a
 * stored intro that cannot be rendered (too deeply nested, or over the render time limit).
 */
export function escapedIntroHtml(markdown: string): string {
  if (markdown.trim() === "") return "";
  return `<pre>${markdown.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)}</pre>`;
}
