import { api, queryKeys, unwrap } from "@homebase/settings-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const integrations = api.api.v1.me.integrations;

/** `GET /me/integrations` is shared with the Alerts section, which shows the same Slack state: the kit's key. */
const integrationsKey = queryKeys.myIntegrations;

export function useIntegrations() {
  return useQuery({ queryKey: integrationsKey, queryFn: () => unwrap(integrations.$get()) });
}

export function useDisconnectGithub() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await unwrap(integrations.github.$delete());
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationsKey }),
  });
}
