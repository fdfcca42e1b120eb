import {
  MutationCache,
  QueryCache,
  QueryClient,
  QueryClientProvider,
  type UseQueryResult,
  useQuery,
} from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ApiError } from "./api-error";
import { fetchBetaFeatures, fetchViewer } from "./endpoints";
import type { Viewer } from "./section";
import type { BetaFeatureList } from "./types";

/**
 * Query keys shared by the shell and the sections, so that a section that
 * changes something the shell shows (a beta flag, the username) invalidates it.
 */
export const queryKeys = {
  viewer: ["viewer"] as const,
  betaFeatures: ["me", "beta-features"] as const,
  me: ["me"] as const,
};

export interface CreateQueryClientOptions {
  /** Called when any query or mutation gets a 401: the session is gone. */
  onUnauthorized?: (error: ApiError) => void;
}

/** Do not retry what will fail again (4xx); retry network failures and 5xx twice. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(options: CreateQueryClientOptions = {}): QueryClient {
  const handle = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) options.onUnauthorized?.(error);
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: handle }),
    mutationCache: new MutationCache({ onError: handle }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export interface SettingsQueryProviderProps {
  client: QueryClient;
  children: ReactNode;
}

/** The react-query provider the shell (and each section's dev harness) wraps the app in. */
export function SettingsQueryProvider({ client, children }: SettingsQueryProviderProps) {
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/** The signed-in user (`GET /api/v1/viewer`). An `ApiError` with status 401 means signed out. */
export function useViewer(): UseQueryResult<Viewer, Error> {
  return useQuery({ queryKey: queryKeys.viewer, queryFn: fetchViewer });
}

/**
 * The beta-feature catalogue with the viewer's flags (`GET /api/v1/me/beta-features`).
 * `enabled: false` holds the request back (the shell waits for the viewer first).
 */
export function useBetaFeatures(options: { enabled?: boolean } = {}): UseQueryResult<BetaFeatureList, Error> {
  return useQuery({ queryKey: queryKeys.betaFeatures, queryFn: fetchBetaFeatures, enabled: options.enabled ?? true });
}
