import { api, queryKeys, type SuccessBody, unwrap } from "@homebase/settings-kit";
import { useQuery } from "@tanstack/react-query";

const v1 = api.api.v1;

/** `GET /me/teams` and `GET /me/settings` are shared with the default-team section: same keys, one cache entry. */
export const teamsKeys = {
  myTeams: [...queryKeys.me, "teams"] as const,
  settings: [...queryKeys.me, "settings"] as const,
};

export type MyTeams = SuccessBody<Awaited<ReturnType<typeof v1.me.teams.$get>>>;
export type MySettings = SuccessBody<Awaited<ReturnType<typeof v1.me.settings.$get>>>;
export type TeamSummary = MyTeams["teams"][number];
export type JoinableTeam = MyTeams["joinable"][number];

export function fetchMyTeams(): Promise<MyTeams> {
  return unwrap(v1.me.teams.$get());
}

export function fetchMySettings(): Promise<MySettings> {
  return unwrap(v1.me.settings.$get());
}

export function patchMySettings(patch: { hideTeamsInProfile?: boolean }): Promise<MySettings> {
  return unwrap(v1.me.settings.$patch({ json: patch }));
}

export function createTeam(input: { name: string; displayName?: string }) {
  return unwrap(v1.teams.$post({ json: input }));
}

export function joinTeam(team: string) {
  return unwrap(v1.teams[":team"].join.$post({ param: { team } }));
}

export function useMyTeams() {
  return useQuery({ queryKey: teamsKeys.myTeams, queryFn: fetchMyTeams });
}

export function useMySettings() {
  return useQuery({ queryKey: teamsKeys.settings, queryFn: fetchMySettings });
}
