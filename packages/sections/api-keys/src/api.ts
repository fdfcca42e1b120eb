import { api, unwrap } from "@homebase/settings-kit";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const keys = api.api.v1.me["api-keys"];

/** One personal API key as the table shows it (never the secret). */
export interface ApiKey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** The answer to creating a key: the only time the full key is ever sent. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export const apiKeysQueryKey = ["me", "api-keys"] as const;

/** `GET /me/api-keys?q=`: newest first; `q` matches part of the name or the ID. */
export function useApiKeys(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: [...apiKeysQueryKey, query],
    queryFn: () => unwrap(keys.$get({ query: query ? { q: query } : {} })),
    // Typing in the filter keeps the previous rows on screen instead of flashing the skeleton.
    placeholderData: keepPreviousData,
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string): Promise<CreatedApiKey> => unwrap(keys.$post({ json: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}

export function useDeleteApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (key: ApiKey) => {
      await unwrap(keys[":id"].$delete({ param: { id: key.id } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}
