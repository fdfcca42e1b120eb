import { Code } from "@mantine/core";

/**
 * `@homebase/ui/code-block`: a command or script to copy, e.g. the wandb SDK's setup. It scrolls
 * sideways on phones rather than break a command, and is focusable so the keyboard can scroll it.
 */
export function CodeBlock({ children }: { children: string }) {
  return (
    <Code block tabIndex={0} style={{ whiteSpace: "pre", overflowX: "auto" }}>
      {children}
    </Code>
  );
}
