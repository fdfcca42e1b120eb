import { api, type ResponseOf, unwrap } from "@homebase/settings-kit";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { KeyLifetime } from "./lifecycle";

const keys = api.api.v1.me["api-keys"];

/**
 * One personal API key as the table shows it (never the secret): name, scope, expiry, whether
 * and why it was revoked, and the addresses it was last used from.
 */
export type ApiKey = ResponseOf<typeof keys.$get>["items"][number];

/** The answer to creating or rotating a key: the only time the full key is ever sent. */
export type CreatedApiKey = ResponseOf<typeof keys.$post>;

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
    mutationFn: (input: { name: string } & KeyLifetime): Promise<CreatedApiKey> => unwrap(keys.$post({ json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}

/** `POST /me/api-keys/:id/rotate`: a new key with the same name, scope and lifetime; the old one stops at once. */
export function rotateApiKey(key: ApiKey): Promise<CreatedApiKey> {
  return unwrap(keys[":id"].rotate.$post({ param: { id: key.id } }));
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
