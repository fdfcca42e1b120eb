import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, isApiError } from "./api-error";
import { resendVerification } from "./endpoints";
import { tooManyAttemptsMessage } from "./password-rules";
import { queryKeys } from "./query";

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
