import rehypeExternalLinks from "rehype-external-links";
import rehypeRaw from "rehype-raw";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

export const INTRO_MAX_LENGTH = 20_000;

/**
 * GitHub's sanitize schema, narrowed: links may point to http(s) and mailto only, images load
 * over http(s) only and keep `src alt width height` (so a social badge sized with `width` or
 * `height` renders), and nothing carries `style`, event handlers or form actions.
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
    a: ["href", "title"],
  },
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize, INTRO_SANITIZE_SCHEMA)
  .use(rehypeExternalLinks, { rel: ["nofollow", "noopener", "noreferrer"], protocols: ["http", "https"] })
  .use(rehypeStringify);

/** The intro's GitHub-flavoured Markdown (with inline HTML) as sanitized HTML. */
export function renderIntroHtml(markdown: string): string {
  if (markdown.trim() === "") return "";
  return String(processor.processSync(markdown));
}
