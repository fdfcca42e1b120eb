import { api, type ResponseOf, unwrap } from "@homebase/settings-kit";
import { useQuery } from "@tanstack/react-query";

const teams$ = api.api.v1.admin.teams;

export type AdminTeam = ResponseOf<typeof teams$.$get>["items"][number];

export const adminTeamsKey = ["admin", "teams"] as const;

/** Every team of the organisation with its members count and storage used (`GET /admin/teams`). */
export function useAdminTeams() {
  return useQuery({ queryKey: adminTeamsKey, queryFn: async () => (await unwrap(teams$.$get())).items });
}

export async function deleteTeamAsAdmin(team: string): Promise<void> {
  await unwrap(teams$[":team"].$delete({ param: { team } }));
}
