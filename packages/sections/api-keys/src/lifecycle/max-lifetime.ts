import { api, unwrap } from "@homebase/settings-kit";
import { useQuery } from "@tanstack/react-query";

/**
 * The organisation's maximum API-key lifetime in days (null: no maximum, or not known yet).
 *
 * `GET /me/api-keys` tells every user, not only organisation admins, so the create dialogs
 * (personal and service-account keys) never offer "No expiry" or a longer choice that the
 * server would refuse. Shares its cache with the API keys table's unfiltered list.
 */
export function useMaxKeyLifetime(): { maxDays: number | null; known: boolean } {
  const keys = useQuery({
    queryKey: ["me", "api-keys", ""],
    queryFn: () => unwrap(api.api.v1.me["api-keys"].$get({ query: {} })),
    staleTime: 60_000,
  });
  return { maxDays: keys.data?.maxLifetimeDays ?? null, known: keys.isSuccess };
}
