import { api, type ResponseOf, unwrap } from "@homebase/settings-kit";
import { useQuery } from "@tanstack/react-query";

const v1 = api.api.v1;
const team$ = v1.teams[":team"];
const sa$ = team$["service-accounts"];

export type Team = ResponseOf<typeof team$.$get>;
export type TeamMember = Team["members"][number];
export type TeamRole = Team["role"];
export type ServiceAccount = ResponseOf<typeof sa$.$get>["items"][number];
export type ServiceAccountKey = ServiceAccount["apiKeys"][number];
export type CreatedKey = ResponseOf<(typeof sa$)[":sa"]["api-keys"]["$post"]>;

export const teamKeys = {
  team: (team: string) => ["teams", team] as const,
  serviceAccounts: (team: string) => ["teams", team, "service-accounts"] as const,
};

export function useTeam(team: string) {
  return useQuery({ queryKey: teamKeys.team(team), queryFn: () => unwrap(team$.$get({ param: { team } })) });
}

export function useServiceAccounts(team: string, enabled: boolean) {
  return useQuery({
    queryKey: teamKeys.serviceAccounts(team),
    queryFn: async () => (await unwrap(sa$.$get({ param: { team } }))).items,
    enabled,
  });
}

export function addMember(team: string, input: { username: string; role: TeamRole }) {
  return unwrap(team$.members.$post({ param: { team }, json: input }));
}

export async function removeMember(team: string, username: string): Promise<void> {
  await unwrap(team$.members[":username"].$delete({ param: { team, username } }));
}

export function updateTeam(team: string, patch: { displayName?: string; allowedEmailDomain?: string | null }) {
  return unwrap(team$.$patch({ param: { team }, json: patch }));
}

export function createServiceAccount(team: string, name: string) {
  return unwrap(sa$.$post({ param: { team }, json: { name } }));
}

export function createServiceAccountKey(team: string, sa: string, name: string): Promise<CreatedKey> {
  return unwrap(sa$[":sa"]["api-keys"].$post({ param: { team, sa }, json: { name } }));
}

export async function deleteServiceAccountKey(team: string, sa: string, id: string): Promise<void> {
  await unwrap(sa$[":sa"]["api-keys"][":id"].$delete({ param: { team, sa, id } }));
}

export function setMemberRole(team: string, username: string, role: TeamRole) {
  return unwrap(team$.members[":username"].$patch({ param: { team, username }, json: { role } }));
}

export function renameServiceAccount(team: string, sa: string, name: string) {
  return unwrap(sa$[":sa"].$patch({ param: { team, sa }, json: { name } }));
}

export async function deleteServiceAccount(team: string, sa: string): Promise<void> {
  await unwrap(sa$[":sa"].$delete({ param: { team, sa } }));
}
