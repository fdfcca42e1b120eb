import {
  MutationCache,
  QueryCache,
  QueryClient,
  QueryClientProvider,
  type UseQueryResult,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ApiError, errorMessage, isApiError } from "./api-error";
import {
  type BetaFeatureList,
  fetchBetaFeatures,
  fetchMe,
  fetchViewer,
  type Me,
  resendVerification,
  type Viewer,
} from "./endpoints";
import { tooManyAttemptsMessage } from "./password-rules";

/**
 * Query keys of the answers that more than one part of the UI reads (the shell, several
 * sections, the team and admin pages), so that one cache entry serves them all and whoever
 * changes one invalidates it for everyone. A key only one section uses stays in that section,
 * under its own prefix (e.g. `[...queryKeys.me, "sessions"]`).
 */
export const queryKeys = {
  /** `GET /viewer`: who is signed in; the shell reads it for the navigation and the header. */
  viewer: ["viewer"] as const,
  /** `GET /me`: the signed-in user's profile (the header's avatar, the Profile section). Also the prefix of every `/me/…` key. */
  me: ["me"] as const,
  /** `GET /me/beta-features`: the catalogue with the viewer's flags (the shell hides flagged sections). */
  betaFeatures: ["me", "beta-features"] as const,
  /** `GET /me/teams`: the viewer's teams and the teams they may join (Teams, Default team, Storage, team pages). */
  myTeams: ["me", "teams"] as const,
  /** `GET /me/settings`: default entity, privacy, hidden teams (Default team, Teams, team pages, admin). */
  mySettings: ["me", "settings"] as const,
  /** `GET /me/integrations`: GitHub and Slack connections (Integrations and Alerts). */
  myIntegrations: ["me", "integrations"] as const,
  /** `GET /admin/settings`: the organisation's settings (the admin page, API-key lifetimes). */
  adminSettings: ["admin", "settings"] as const,
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

/** The signed-in user's profile (`GET /api/v1/me`): the header's picture and the Profile section share it. */
export function useMe(): UseQueryResult<Me, Error> {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe });
}

/**
 * The beta-feature catalogue with the viewer's flags (`GET /api/v1/me/beta-features`).
 * `enabled: false` holds the request back (the shell waits for the viewer first).
 */
export function useBetaFeatures(options: { enabled?: boolean } = {}): UseQueryResult<BetaFeatureList, Error> {
  return useQuery({ queryKey: queryKeys.betaFeatures, queryFn: fetchBetaFeatures, enabled: options.enabled ?? true });
}

export interface ResendResult {
  /** False for a refusal (too many attempts, an error), shown as such. */
  ok: boolean;
  text: string;
}

export interface ResendVerificationTexts {
  /** The sentence once the link is on its way to `to` (default: "We sent a new link to … It expires in 24 hours."). */
  sent?: (to: string) => string;
  /**
   * The sentence when nothing waits for verification (409: verified meanwhile, e.g. in another
   * tab); null to say nothing, where the viewer fetched again makes the notice go.
   */
  nothingWaiting: string | null;
}

export interface ResendVerification {
  send: () => Promise<void>;
  sending: boolean;
  result: ResendResult | null;
}

const sentText = (to: string) => `We sent a new link to ${to}. It expires in 24 hours.`;

/**
 * (In this module, not one of its own: the shell's banner uses it, and a module of its own made
 * the bundler split shared chunks off the shell's entry, ~0.6 KB more to download.)
 *
 * "Resend link" for the address waiting for verification (`POST /me/email/verification`), as the
 * shell's banner, the verify-email page and the Account section's Email card offer it. A 409 means
 * nothing waits any more: the viewer is fetched again, so whatever shows "Not verified" updates.
 */
export function useResendVerification(texts: ResendVerificationTexts): ResendVerification {
  const queryClient = useQueryClient();
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<ResendResult | null>(null);
  const send = async () => {
    setSending(true);
    setResult(null);
    try {
      const { to } = await resendVerification();
      setResult({ ok: true, text: (texts.sent ?? sentText)(to) });
    } catch (error) {
      if (isApiError(error) && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.viewer });
        if (texts.nothingWaiting !== null) setResult({ ok: true, text: texts.nothingWaiting });
        return;
      }
      const text =
        isApiError(error) && error.status === 429 ? tooManyAttemptsMessage(error.retryAfter) : errorMessage(error);
      setResult({ ok: false, text });
    } finally {
      setSending(false);
    }
  };
  return { send, sending, result };
}
