import { api, errorMessage, queryKeys, unwrap } from "@homebase/settings-kit";
import { notifyError } from "@homebase/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type AlertEvent,
  type AlertPreferences,
  CHANNEL_LABELS,
  type Channel,
  EVENT_LABELS,
  logRefreshInterval,
  withPreference,
} from "./model";

const me = api.api.v1.me;

export const alertsKey = ["me", "alerts"] as const;
/** Shared with the Integrations section, which shows the same connection state: the kit's key. */
const integrationsKey = queryKeys.myIntegrations;
export const notificationsKey = ["me", "notifications"] as const;

export function useAlertPreferences() {
  return useQuery({ queryKey: alertsKey, queryFn: (): Promise<AlertPreferences> => unwrap(me.alerts.$get()) });
}

export function useIntegrations() {
  return useQuery({ queryKey: integrationsKey, queryFn: () => unwrap(me.integrations.$get()) });
}

export function useDeliveryLog() {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => unwrap(me.notifications.$get()),
    refetchInterval: (query) => logRefreshInterval(query.state.data?.items),
    refetchOnWindowFocus: true,
  });
}

interface ToggleVariables {
  event: AlertEvent;
  channel: Channel;
  enabled: boolean;
}

const toggleKey = ["me", "alerts", "toggle"] as const;

/**
 * One switch of the grid, saved at once: the switch moves before the server
 * answers and moves back (with a toast saying why) if saving fails. Only the
 * changed cell is rolled back, so other quick changes survive.
 */
export function useToggleAlert() {
  const queryClient = useQueryClient();
  return useMutation<unknown, Error, ToggleVariables, { previous: boolean | undefined }>({
    mutationKey: toggleKey,
    mutationFn: ({ event, channel, enabled }) => unwrap(me.alerts.$put({ json: { [event]: { [channel]: enabled } } })),
    onMutate: async ({ event, channel, enabled }) => {
      await queryClient.cancelQueries({ queryKey: alertsKey, exact: true });
      const previous = queryClient.getQueryData<AlertPreferences>(alertsKey)?.[event][channel];
      queryClient.setQueryData<AlertPreferences>(alertsKey, (old) =>
        old ? withPreference(old, event, channel, enabled) : old,
      );
      return { previous };
    },
    onError: (error, { event, channel, enabled }, context) => {
      const previous = context?.previous ?? !enabled;
      queryClient.setQueryData<AlertPreferences>(alertsKey, (old) =>
        old ? withPreference(old, event, channel, previous) : old,
      );
      notifyError(
        `Could not turn ${enabled ? "on" : "off"} “${EVENT_LABELS[event].label}” by ${CHANNEL_LABELS[channel]}`,
        errorMessage(error),
      );
    },
    onSettled: () => {
      if (queryClient.isMutating({ mutationKey: toggleKey }) === 1) {
        void queryClient.invalidateQueries({ queryKey: alertsKey, exact: true });
      }
    },
  });
}

export function useSaveSlackWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webhookUrl: string) => unwrap(me.integrations.slack.$put({ json: { webhookUrl } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationsKey }),
  });
}

export function useDisconnectSlack() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await unwrap(me.integrations.slack.$delete());
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationsKey }),
  });
}

/**
 * "Send test": answers with the test's delivery id; its row of the delivery log (refreshed every
 * 2 s while pending) tells how it went. The result is shown next to the button, not in a toast.
 */
export function useSendSlackTest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(me.integrations.slack.test.$post()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
