import { ErrorFallback } from "@homebase/ui";
import { Box } from "@mantine/core";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { NotFoundPage } from "./not-found-page";

/** The router's last resort when a route itself throws. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const message = error instanceof Error ? error.message : "An unexpected error occurred.";
  return (
    <Box component="main" maw={560} mx="auto" p="xl">
      <ErrorFallback title="Homebase ran into a problem" error={message} onRetry={() => window.location.reload()} />
    </Box>
  );
}
