import { createQueryClient, queryKeys } from "@homebase/settings-kit";
import type { QueryClient } from "@tanstack/react-query";

/**
 * The shell's query client. Any request answered 401 after sign-in means the
 * session ended (logged out elsewhere, expired, account deleted): the viewer is
 * reloaded, its 401 makes the settings layout send the user to /login, and
 * after signing in again they come back to the page they were on.
 */
export function createShellQueryClient(): QueryClient {
  const queryClient = createQueryClient({
    onUnauthorized: () => {
      if (queryClient.getQueryData(queryKeys.viewer)) void queryClient.resetQueries({ queryKey: queryKeys.viewer });
    },
  });
  return queryClient;
}
