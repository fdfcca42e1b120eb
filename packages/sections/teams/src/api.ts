import { api, queryKeys, type ResponseOf, unwrap } from "@homebase/settings-kit";
import { useQuery } from "@tanstack/react-query";

const v1 = api.api.v1;

export type MyTeams = ResponseOf<typeof v1.me.teams.$get>;
export type MySettings = ResponseOf<typeof v1.me.settings.$get>;
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

/** `GET /me/teams` and `GET /me/settings` are shared with the Default team section and the team pages: the kit's keys, one cache entry. */
export function useMyTeams() {
  return useQuery({ queryKey: queryKeys.myTeams, queryFn: fetchMyTeams });
}

export function useMySettings() {
  return useQuery({ queryKey: queryKeys.mySettings, queryFn: fetchMySettings });
}
