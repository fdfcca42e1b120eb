import { api, queryKeys, unwrap, useViewer } from "@homebase/settings-kit";
import { useQuery } from "@tanstack/react-query";

/**
 * The organisation's maximum API-key lifetime in days (null: no maximum, or not known).
 *
 * Only `GET /admin/settings` tells it, and only organisation admins may read that; for everyone
 * else the create dialogs offer every choice and learn the maximum from the server's 422
 * (see `maxDaysFromMessage`). The query shares its cache with the admin page.
 */
export function useMaxKeyLifetime(): { maxDays: number | null; known: boolean } {
  const viewer = useViewer();
  const admin = viewer.data?.admin === true;
  const settings = useQuery({
    queryKey: queryKeys.adminSettings,
    queryFn: () => unwrap(api.api.v1.admin.settings.$get()),
    enabled: admin,
    staleTime: 60_000,
  });
  return { maxDays: settings.data?.maxApiKeyLifetimeDays ?? null, known: settings.isSuccess };
}
