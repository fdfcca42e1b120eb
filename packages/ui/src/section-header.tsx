import { Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

export interface SectionHeaderProps {
  title: string;
  /** One line saying what the section controls. */
  description: ReactNode;
  /** Heading level; a section page's title is the page's h1. */
  order?: 1 | 2 | 3;
  /** Optional controls aligned with the title (a "New key" button). */
  actions?: ReactNode;
}

/** The title and one-line description every settings section starts with. */
export function SectionHeader({ title, description, order = 1, actions }: SectionHeaderProps) {
  return (
    <Stack gap={4} mb="lg" pb="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
      <div
        style={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 16, flexWrap: "wrap" }}
      >
        <Title order={order} fz={order === 1 ? "h2" : "h3"}>
          {title}
        </Title>
        {actions}
      </div>
      <Text c="dimmed" size="sm">
        {description}
      </Text>
    </Stack>
  );
}
