import { api, queryKeys, type SuccessBody, unwrap } from "@homebase/settings-kit";
import { useQuery } from "@tanstack/react-query";

const v1 = api.api.v1;

/** Shared with the teams section: the same routes under the same keys, so one cache entry serves both. */
export const defaultTeamKeys = {
  myTeams: [...queryKeys.me, "teams"] as const,
  settings: [...queryKeys.me, "settings"] as const,
};

export type MySettings = SuccessBody<Awaited<ReturnType<typeof v1.me.settings.$get>>>;
export type MyTeams = SuccessBody<Awaited<ReturnType<typeof v1.me.teams.$get>>>;
export type SettingsPatch = Partial<Pick<MySettings, "defaultEntity" | "defaultProjectPrivacy" | "codeSavingEnabled">>;

export function useMySettings() {
  return useQuery({ queryKey: defaultTeamKeys.settings, queryFn: () => unwrap(v1.me.settings.$get()) });
}

export function useMyTeams() {
  return useQuery({ queryKey: defaultTeamKeys.myTeams, queryFn: () => unwrap(v1.me.teams.$get()) });
}

export function patchMySettings(patch: SettingsPatch): Promise<MySettings> {
  return unwrap(v1.me.settings.$patch({ json: patch }));
}
