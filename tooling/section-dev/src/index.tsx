/** The dev harness of settings sections: each section runs alone with `pnpm --filter <section> dev`. */

import type { SettingsSection } from "@homebase/settings-kit";
import {
  createQueryClient,
  errorMessage,
  isApiError,
  login,
  SettingsQueryProvider,
  useViewer,
} from "@homebase/settings-kit";
import { ErrorBoundary, PageLoader, SectionHeader, UiProvider } from "@homebase/ui";
import { Alert, Box, Button, Group, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, lazy, StrictMode, Suspense, useState } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";

/** The API the harness proxies /api to (vite.js defines it from HOMEBASE_API_URL). */
declare const __HOMEBASE_API_URL__: string;

function SignIn() {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    try {
      await login({ login: String(data.get("login")), password: String(data.get("password")) });
      await queryClient.invalidateQueries();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <form onSubmit={onSubmit}>
      <Stack maw={360}>
        <Text>Sign in to a local Homebase API (create an account in the shell first).</Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <TextInput label="Username or email" name="login" />
        <PasswordInput label="Password" name="password" />
        <Group>
          <Button type="submit">Sign in</Button>
        </Group>
      </Stack>
    </form>
  );
}

function Harness({ section }: { section: SettingsSection }) {
  const [Page] = useState(() => lazy(section.load));
  const viewer = useViewer();
  if (viewer.isPending) return <PageLoader />;
  if (viewer.isError) {
    if (isApiError(viewer.error) && viewer.error.status === 401) return <SignIn />;
    return (
      <Alert color="red">
        {errorMessage(viewer.error)} — is the API running at {__HOMEBASE_API_URL__}? (Set HOMEBASE_API_URL for another
        address.)
      </Alert>
    );
  }
  return (
    <>
      <Text size="sm" c="dimmed" mb="md">
        Signed in as {viewer.data.username} · section “{section.id}” at /settings/{section.path}
      </Text>
      <SectionHeader title={section.title} description={section.description} />
      <ErrorBoundary>
        <Suspense fallback={<PageLoader />}>
          <Page />
        </Suspense>
      </ErrorBoundary>
    </>
  );
}

/**
 * Runs one settings section alone against a local API, with the providers the shell gives
 * it (theme, react-query, router) and a bare sign-in form when there is no session yet —
 * the section's `dev/main.tsx` is `createDevApp(section)`. (Backstage's createDevApp.)
 */
export function createDevApp(section: SettingsSection, rootId = "root") {
  const queryClient = createQueryClient();
  const root = document.getElementById(rootId);
  if (!root) throw new Error(`the harness page has no #${rootId}`);
  document.title = `${section.title} · section dev harness`;
  createRoot(root).render(
    <StrictMode>
      <UiProvider>
        <SettingsQueryProvider client={queryClient}>
          {/* Sections may link within the shell (react-router), so the harness gives them a router too. */}
          <BrowserRouter>
            <Box component="main" maw={720} mx="auto" p="xl">
              <Harness section={section} />
            </Box>
          </BrowserRouter>
        </SettingsQueryProvider>
      </UiProvider>
    </StrictMode>,
  );
}
