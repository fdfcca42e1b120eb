import { api, queryKeys, type ResponseOf, unwrap } from "@homebase/settings-kit";
import { useQuery } from "@tanstack/react-query";

const v1 = api.api.v1;

export type MySettings = ResponseOf<typeof v1.me.settings.$get>;
export type MyTeams = ResponseOf<typeof v1.me.teams.$get>;
export type SettingsPatch = Partial<Pick<MySettings, "defaultEntity" | "defaultProjectPrivacy" | "codeSavingEnabled">>;

export function useMySettings() {
  // Shared with the Teams section and the team pages: one cache entry (the kit's keys).
  return useQuery({ queryKey: queryKeys.mySettings, queryFn: () => unwrap(v1.me.settings.$get()) });
}

export function useMyTeams() {
  return useQuery({ queryKey: queryKeys.myTeams, queryFn: () => unwrap(v1.me.teams.$get()) });
}

export function patchMySettings(patch: SettingsPatch): Promise<MySettings> {
  return unwrap(v1.me.settings.$patch({ json: patch }));
}
