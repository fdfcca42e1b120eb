import { MantineProvider } from "@mantine/core";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";

/**
 * For tests: the server-rendered markup of a tree inside Mantine's provider,
 * without the style tags the provider adds. Not exported from the package.
 */
export function markup(node: ReactNode): string {
  return renderToStaticMarkup(<MantineProvider>{node}</MantineProvider>).replace(/<style[^>]*>[^<]*<\/style>/g, "");
}
