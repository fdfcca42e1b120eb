import { errorMessage, queryKeys } from "@homebase/settings-kit";
import { notifyError } from "@homebase/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type MySettings, patchMySettings } from "./api";

/**
 * Turns "Hide teams in public profile" on or off at once: the switch moves
 * before the server answers, and moves back with a toast if saving fails.
 */
const mutationKey = [...queryKeys.mySettings, "hide-teams"] as const;

export function useHideTeams() {
  const queryClient = useQueryClient();
  return useMutation<MySettings, Error, boolean, { previous: boolean | undefined }>({
    mutationKey,
    mutationFn: (hideTeamsInProfile) => patchMySettings({ hideTeamsInProfile }),
    onMutate: async (hide) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.mySettings });
      const previous = queryClient.getQueryData<MySettings>(queryKeys.mySettings)?.hideTeamsInProfile;
      queryClient.setQueryData<MySettings>(queryKeys.mySettings, (old) => old && { ...old, hideTeamsInProfile: hide });
      return { previous };
    },
    onError: (error, hide, context) => {
      const previous = context?.previous ?? !hide;
      queryClient.setQueryData<MySettings>(
        queryKeys.mySettings,
        (old) => old && { ...old, hideTeamsInProfile: previous },
      );
      notifyError(`Could not ${hide ? "hide" : "show"} your teams in your public profile`, errorMessage(error));
    },
    onSuccess: (settings) => {
      // Only the last of several quick toggles may write the server's answer over the optimistic value.
      if (queryClient.isMutating({ mutationKey }) === 1) queryClient.setQueryData(queryKeys.mySettings, settings);
    },
  });
}
