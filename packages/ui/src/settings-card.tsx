import { Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { type FormEvent, type ReactNode, useId } from "react";
import { SaveStatus } from "./save-status";

export interface SettingsCardProps {
  /** Card heading (an h2 inside a section page). */
  title?: string;
  description?: ReactNode;
  children: ReactNode;
  /** Replaces the default footer. */
  footer?: ReactNode;
  /** Shown at the left of the footer, e.g. "Please use 48 characters at maximum." */
  footerHint?: ReactNode;
  /** When set, the card is a form and the footer holds a Save button that submits it. */
  onSave?: () => void | Promise<void>;
  saveLabel?: string;
  saving?: boolean;
  saveDisabled?: boolean;
  /** Red border and heading for destructive settings (Danger zone). */
  danger?: boolean;
  /**
   * The form's save state; when given, the footer's left side is the one save-feedback pattern
   * ({@link SaveStatus}: "✓ Saved", "Unsaved changes", else `footerHint`).
   */
  saveState?: { dirty: boolean; saved: boolean };
}

/** A bordered card holding one group of settings, with an optional footer and Save button. */
export function SettingsCard({
  title,
  description,
  children,
  footer,
  footerHint,
  onSave,
  saveLabel = "Save",
  saving = false,
  saveDisabled = false,
  danger = false,
  saveState,
}: SettingsCardProps) {
  const headingId = useId();
  const hasFooter = footer !== undefined || footerHint !== undefined || onSave !== undefined || saveState !== undefined;
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void onSave?.();
  };
  const body = (
    <>
      <Card.Section p="lg">
        <Stack gap="md">
          {(title || description) && (
            <Stack gap={4}>
              {title && (
                <Title order={2} fz="lg" id={headingId} c={danger ? "red" : undefined}>
                  {title}
                </Title>
              )}
              {description && (
                <Text size="sm" c="dimmed">
                  {description}
                </Text>
              )}
            </Stack>
          )}
          {children}
        </Stack>
      </Card.Section>
      {hasFooter && (
        <Card.Section
          px="lg"
          py="sm"
          withBorder
          style={{ background: "light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))" }}
        >
          {footer ?? (
            <Group justify="space-between" gap="sm" wrap="wrap">
              {saveState ? (
                <SaveStatus dirty={saveState.dirty} saved={saveState.saved} hint={footerHint} />
              ) : (
                <Text size="sm" c="dimmed">
                  {footerHint}
                </Text>
              )}
              {onSave && (
                <Button type="submit" size="sm" loading={saving} disabled={saveDisabled}>
                  {saveLabel}
                </Button>
              )}
            </Group>
          )}
        </Card.Section>
      )}
    </>
  );
  const cardProps = {
    padding: 0,
    withBorder: true,
    radius: "md" as const,
    "aria-labelledby": title ? headingId : undefined,
    style: danger ? { borderColor: "var(--mantine-color-red-filled)" } : undefined,
  };
  if (onSave) {
    return (
      <Card component="form" onSubmit={handleSubmit} noValidate {...cardProps}>
        {body}
      </Card>
    );
  }
  return (
    <Card component="section" {...cardProps}>
      {body}
    </Card>
  );
}
