import { api, unwrap } from "@homebase/settings-kit";
import { useQuery } from "@tanstack/react-query";

export const deletionCheckKey = ["me", "deletion-check"] as const;

/** Whether the account can be deleted now, and the teams that block it (`GET /me/deletion-check`). */
export function useDeletionCheck() {
  return useQuery({
    queryKey: deletionCheckKey,
    queryFn: () => unwrap(api.api.v1.me["deletion-check"].$get()),
    // Teams may have been handed over meanwhile (on the team page, or in another tab).
    staleTime: 0,
    refetchOnWindowFocus: true,
  });
}

/**
 * `DELETE /me`. Called directly, not through a react-query mutation: a wrong password answers
 * 401, and the shell treats a 401 seen by the query cache as a lost session.
 */
export async function deleteAccount(confirm: string, password: string): Promise<void> {
  await unwrap(api.api.v1.me.$delete({ json: { confirm, password } }));
}
