import { api, errorMessage, queryKeys, type ResponseOf, unwrap } from "@homebase/settings-kit";
import { notifyError } from "@homebase/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const v1 = api.api.v1;

export type OrgSettings = ResponseOf<typeof v1.admin.settings.$get>;
export type EntityStorage = ResponseOf<(typeof v1.admin.entities)[":entity"]["quota"]["$put"]>;

export function useOrgSettings(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.adminSettings, queryFn: () => unwrap(v1.admin.settings.$get()), enabled });
}

export function setEntityQuota(entity: string, quotaBytes: number | null): Promise<EntityStorage> {
  return unwrap(v1.admin.entities[":entity"].quota.$put({ param: { entity }, json: { quotaBytes } }));
}

/** The on/off policies (the maximum key lifetime is a number, set on its own). */
export type PolicyKey = "allowPublicProjects" | "allowCodeSaving";

const LABELS: Record<PolicyKey, string> = {
  allowPublicProjects: "Allow public projects",
  allowCodeSaving: "Allow default code saving",
};

/** Flips one organisation switch at once; on failure it moves back and a toast says why. */
export function useSetOrgPolicy() {
  const queryClient = useQueryClient();
  const mutationKey = [...queryKeys.adminSettings, "set"];
  return useMutation<OrgSettings, Error, { key: PolicyKey; value: boolean }, { previous: boolean | undefined }>({
    mutationKey,
    mutationFn: ({ key, value }) =>
      unwrap(v1.admin.settings.$patch({ json: { [key]: value } as Partial<OrgSettings> })),
    onMutate: async ({ key, value }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.adminSettings });
      const previous = queryClient.getQueryData<OrgSettings>(queryKeys.adminSettings)?.[key];
      queryClient.setQueryData<OrgSettings>(queryKeys.adminSettings, (old) => old && { ...old, [key]: value });
      return { previous };
    },
    onError: (error, { key, value }, context) => {
      const previous = context?.previous ?? !value;
      queryClient.setQueryData<OrgSettings>(queryKeys.adminSettings, (old) => old && { ...old, [key]: previous });
      notifyError(`Could not turn ${value ? "on" : "off"} “${LABELS[key]}”`, errorMessage(error));
    },
    onSettled: () => {
      if (queryClient.isMutating({ mutationKey }) === 1) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.adminSettings });
      }
      // Users' stored choices fall back to the safe value when a permission is turned off.
      void queryClient.invalidateQueries({ queryKey: queryKeys.mySettings });
    },
  });
}

export { LABELS as POLICY_LABELS };

/**
 * The deployment's default storage plan (`DEFAULT_STORAGE_QUOTA_BYTES`), as `GET /me/storage`
 * states it. Kept under the Storage section's key for the viewer's usage, so one answer serves both.
 */
export function useDefaultQuotaBytes() {
  return useQuery({
    queryKey: ["storage", "@me"],
    queryFn: () => unwrap(v1.me.storage.$get()),
    select: (usage) => usage.defaultQuotaBytes,
  });
}
