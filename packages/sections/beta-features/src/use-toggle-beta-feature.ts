import { type BetaFeatureList, errorMessage, queryKeys, setBetaFeature } from "@homebase/settings-kit";
import { notifyError } from "@homebase/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";

interface ToggleVariables {
  key: string;
  name: string;
  enabled: boolean;
}

interface ToggleContext {
  previous: boolean | undefined;
}

const mutationKey = [...queryKeys.betaFeatures, "toggle"] as const;

function withFlag(list: BetaFeatureList | undefined, key: string, enabled: boolean): BetaFeatureList | undefined {
  if (!list) return list;
  return { items: list.items.map((item) => (item.key === key ? { ...item, enabled } : item)) };
}

/**
 * Turns a beta feature on or off at once. The switch moves before the server
 * answers (optimistic update); on failure it moves back and a toast says why.
 * Only the toggled feature is rolled back, so quick toggles of other features
 * survive one failure.
 */
export function useToggleBetaFeature() {
  const queryClient = useQueryClient();
  return useMutation<unknown, Error, ToggleVariables, ToggleContext>({
    mutationKey,
    mutationFn: ({ key, enabled }) => setBetaFeature(key, enabled),
    onMutate: async ({ key, enabled }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.betaFeatures });
      const list = queryClient.getQueryData<BetaFeatureList>(queryKeys.betaFeatures);
      const previous = list?.items.find((item) => item.key === key)?.enabled;
      queryClient.setQueryData<BetaFeatureList>(queryKeys.betaFeatures, (old) => withFlag(old, key, enabled));
      return { previous };
    },
    onError: (error, { key, name, enabled }, context) => {
      const previous = context?.previous ?? !enabled;
      queryClient.setQueryData<BetaFeatureList>(queryKeys.betaFeatures, (old) => withFlag(old, key, previous));
      notifyError(`Could not turn ${enabled ? "on" : "off"} “${name}”`, errorMessage(error));
    },
    onSettled: () => {
      // Refetch once the last pending toggle is done, so the list matches the server.
      if (queryClient.isMutating({ mutationKey }) === 1) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.betaFeatures });
      }
    },
  });
}
