/**
 * The `markdown` block: Markdown the visual editor has no blocks for (a badge, which is a
 * link around an image; an `<img>` with a size; other HTML; a footnote…), kept exactly as
 * written. It shows as the public profile will (rendered with the server's renderer and
 * allowlist) and is changed as Markdown: "Edit as Markdown" opens the Markdown tab with
 * its text selected.
 */
import { createReactBlockSpec } from "@blocknote/react";
import { escapedIntroHtml, renderIntroHtml } from "@homebase/core/intro";
import { Button, Group, Text, Typography } from "@mantine/core";
import type { MouseEvent } from "react";
import { useMemo } from "react";
import contentClasses from "./intro-content.module.css";
import classes from "./intro-editor.module.css";

/** What "Edit as Markdown" does, per editor (set by the intro editor that shows the block). */
export const editAsMarkdown = new WeakMap<object, (blockId: string) => void>();

/**
 * The block's preview: sanitized by core's renderer (the same allowlist as the public
 * page), so it is safe as `innerHTML`. Text that renders to nothing (a footnote or link
 * definition, an HTML comment) is shown as written.
 */
export function markdownPreviewHtml(source: string): string {
  let html: string;
  try {
    html = renderIntroHtml(source);
  } catch {
    return escapedIntroHtml(source);
  }
  return html.trim() === "" ? escapedIntroHtml(source) : html;
}

/** Links in the preview do not leave the editor. */
function stayInEditor(event: MouseEvent) {
  if ((event.target as Element).closest("a")) event.preventDefault();
}

export const createMarkdownBlockSpec = createReactBlockSpec(
  {
    type: "markdown",
    propSchema: { source: { default: "" } },
    content: "none",
  },
  {
    render: ({ block, editor }) => {
      const source = block.props.source;
      const html = useMemo(() => markdownPreviewHtml(source), [source]);
      return (
        <div className={classes.markdownBlock} contentEditable={false}>
          <Group justify="space-between" gap="xs" wrap="nowrap" className={classes.markdownBlockBar}>
            <Text size="xs" c="dimmed" className={classes.markdownBlockLabel}>
              Kept as Markdown
            </Text>
            <Button
              size="compact-xs"
              variant="default"
              className={classes.markdownBlockButton}
              onMouseDown={(event) => event.stopPropagation()}
              onClick={() => editAsMarkdown.get(editor)?.(block.id)}
            >
              Edit as Markdown
            </Button>
          </Group>
          <Typography
            className={contentClasses.content}
            onClick={stayInEditor}
            // Safe: core's renderer sanitizes with the intro's allowlist (see above).
            dangerouslySetInnerHTML={{ __html: html }}
          />
        </div>
      );
    },
    // Copying the block keeps its text.
    toExternalHTML: ({ block }) => <pre>{block.props.source}</pre>,
  },
);
