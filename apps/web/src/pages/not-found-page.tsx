import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useDocumentTitle } from "../use-document-title";

/** Any path the app does not know. */
export function NotFoundPage() {
  useDocumentTitle("Page not found · Homebase");
  return (
    <Center component="main" mih="100dvh" px="md">
      <Stack align="center" gap="sm" maw={420} ta="center">
        <Text c="dimmed" fw={700} fz={48} lh={1} aria-hidden>
          404
        </Text>
        <Title order={1} fz="h2">
          Page not found
        </Title>
        <Text c="dimmed">The page you asked for does not exist, or it has moved.</Text>
        <Button component={Link} to="/settings" mt="sm">
          Go to settings
        </Button>
      </Stack>
    </Center>
  );
}
