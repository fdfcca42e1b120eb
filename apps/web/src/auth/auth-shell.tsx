import { Anchor, Box, Center, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Brand } from "../brand";
import { useDocumentTitle } from "../use-document-title";

export interface AuthShellProps {
  title: string;
  children: ReactNode;
  /** Below the card: the link to the other auth page. */
  footer?: ReactNode;
}

/** The centred card of the sign-in and sign-up pages. */
export function AuthShell({ title, children, footer }: AuthShellProps) {
  useDocumentTitle(`${title} · Homebase`);
  return (
    <Center component="main" mih="100dvh" px="md" py="xl">
      <Stack w="100%" maw={400} gap="lg">
        <Stack gap="sm" align="center">
          <Brand />
          <Title order={1} fz="h2" ta="center">
            {title}
          </Title>
        </Stack>
        <Paper withBorder radius="md" p="lg">
          {children}
        </Paper>
        {footer && (
          <Box ta="center">
            <Text size="sm">{footer}</Text>
          </Box>
        )}
      </Stack>
    </Center>
  );
}

/** The footer's way to the other auth page: "New to Homebase? Sign up". */
export function AuthFooterLink({ question, to, label }: { question: string; to: string; label: string }) {
  return (
    <>
      {question}{" "}
      <Anchor component={Link} to={to} underline="always">
        {label}
      </Anchor>
    </>
  );
}
