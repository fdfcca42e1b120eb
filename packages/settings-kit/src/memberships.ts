import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "./query";

/**
 * After the viewer's memberships change (joining, creating or leaving a team): fetch again what
 * depends on them — the shell's viewer (its teams), the team list and the default entity.
 * A module of its own: only pages opened later use it, so it stays out of the shell's first chunk.
 */
export function useRefreshMemberships(): () => Promise<unknown> {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.viewer }),
      queryClient.invalidateQueries({ queryKey: queryKeys.myTeams }),
      queryClient.invalidateQueries({ queryKey: queryKeys.mySettings }),
    ]);
}
